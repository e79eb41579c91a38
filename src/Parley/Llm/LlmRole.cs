using Parley.Dialogues;

namespace Parley.Llm;

/// <summary>A part of generation that can be played by a model instead of rules.</summary>
public enum LlmRole
{
    /// <summary>Designs environments (schema, tools, seed data).</summary>
    EnvironmentDesigner,

    /// <summary>Plans the tasks of a dialogue.</summary>
    TaskPlanner,

    /// <summary>Plays the user.</summary>
    UserSimulator,

    /// <summary>Plays the assistant that calls tools.</summary>
    Agent,

    /// <summary>Judges finished dialogues against their rubric.</summary>
    Judge,

    /// <summary>Invents tool results in the <c>simulated</c> tool mode.</summary>
    ToolSimulator,
}

/// <summary>Names of <see cref="LlmRole"/>s in parley.yaml and on the command line.</summary>
internal static class LlmRoles
{
    /// <summary>Every role.</summary>
    public static IReadOnlyList<LlmRole> All { get; } = Enum.GetValues<LlmRole>();

    /// <summary>The key in parley.yaml's <c>roles:</c> section, e.g. <c>user_simulator</c>.</summary>
    public static string ConfigName(this LlmRole role) => role switch
    {
        LlmRole.EnvironmentDesigner => "environment_designer",
        LlmRole.TaskPlanner => "task_planner",
        LlmRole.UserSimulator => "user_simulator",
        LlmRole.Agent => "agent",
        LlmRole.Judge => "judge",
        _ => "tool_simulator",
    };

    /// <summary>The short name taken by <c>--llm-roles</c>, e.g. <c>user</c>.</summary>
    public static string FlagName(this LlmRole role) => role switch
    {
        LlmRole.EnvironmentDesigner => "designer",
        LlmRole.TaskPlanner => "planner",
        LlmRole.UserSimulator => "user",
        LlmRole.Agent => "agent",
        LlmRole.Judge => "judge",
        _ => "tools",
    };

    /// <summary>
    /// The prompt files the role sends, each with its content hash, e.g. <c>judge.md@0123456789ab</c>: recorded in the
    /// ledger and the manifest, so a run is never continued with different instructions.
    /// </summary>
    public static string Prompts(this LlmRole role) => string.Join(' ', role.PromptFiles().Select(name => PromptLibrary.Get(name).Tag));

    /// <summary>
    /// Every prompt file (<c>*/Prompts/*</c>) the role can send text from: instructions, fragments, and the repair
    /// requests of structured output. A test holds every embedded prompt file to some role's list.
    /// </summary>
    public static IReadOnlyList<string> PromptFiles(this LlmRole role) => role switch
    {
        LlmRole.EnvironmentDesigner => ["design-system.md", "design-brainstorm.md", "design-brainstorm.yaml", "design-context.yaml", "design-questions.md", "design-schema.md", "design-rows.md",
            "design-tools.md", "design-expand.md", "design-sql.md", "design-usage.md", "design-repair.md", StructuredOutputFile],
        LlmRole.TaskPlanner => ["task-planner.md", "task-planner.yaml", "mcp-task-planner.md", "mcp-task-planner.yaml", StructuredOutputFile],
        LlmRole.UserSimulator => ["user-oriented.md", "task-oriented.md", "user-simulator.yaml", StructuredOutputFile],
        LlmRole.Agent => ["agent-system.md", "agent-text-tools.md", "llm-agent.yaml"],
        LlmRole.Judge => ["judge.md", "judge.yaml", "failure-attribution.md", "failure-attribution.yaml", StructuredOutputFile],
        _ => ["tool-simulator.md", "tool-simulator.yaml", StructuredOutputFile],
    };

    private const string StructuredOutputFile = "structured-output.yaml";

    /// <summary>
    /// <paramref name="usage"/> (keyed by <see cref="ConfigName"/>, ordinal order) with <paramref name="spent"/> added to
    /// <paramref name="role"/>'s entry: how every role's tokens are put on a dialogue's bill.
    /// </summary>
    public static SortedDictionary<string, TokenUsage> AddUsage(this LlmRole role, IReadOnlyDictionary<string, TokenUsage>? usage, TokenUsage spent)
    {
        var sum = new SortedDictionary<string, TokenUsage>(usage?.ToDictionary() ?? [], StringComparer.Ordinal);
        var key = role.ConfigName();
        sum[key] = sum.GetValueOrDefault(key, TokenUsage.None) + spent;
        return sum;
    }

    /// <summary>The role with config or flag name <paramref name="name"/>, or null.</summary>
    public static LlmRole? Parse(string name) =>
        All.Select(r => (LlmRole?)r).FirstOrDefault(r => r!.Value.ConfigName() == name || r.Value.FlagName() == name);
}
