using Parley.Llm;

namespace Parley.Generation;

/// <summary>Which engine drives each role, recorded in every dialogue and in the manifest.</summary>
public sealed record RoleEngines(string Designer, string Planner, string User, string Agent, string Judge)
{
    /// <summary>All roles rule-based (offline).</summary>
    public static RoleEngines RuleBased { get; } = new("catalog", "scenario", "agenda", "oracle", "none");

    /// <summary>The engines as a role → engine map.</summary>
    public IReadOnlyDictionary<string, string> ToDictionary() => new Dictionary<string, string>
    {
        [LlmRole.EnvironmentDesigner.ConfigName()] = Designer,
        [LlmRole.TaskPlanner.ConfigName()] = Planner,
        [LlmRole.UserSimulator.ConfigName()] = User,
        [LlmRole.Agent.ConfigName()] = Agent,
        [LlmRole.Judge.ConfigName()] = Judge,
    };
}
