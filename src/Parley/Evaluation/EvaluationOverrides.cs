using Parley.Generation;
using Parley.Llm;

namespace Parley.Evaluation;

/// <summary>
/// The evaluation settings given on a command line, each null when not given: over the defaults they start an
/// evaluation, and over a stored one's options (<c>--resume</c>) they change only what was given, as
/// <see cref="GenerationOverrides"/> does for a run. A given setting that differs from the stored one is refused when the
/// evaluation starts (<see cref="EvaluationOptions.ConflictsWith"/>).
/// </summary>
public sealed record EvaluationOverrides
{
    /// <summary>The evaluation folder of a new evaluation when none is given.</summary>
    public const string DefaultOutput = "out/eval";

    /// <summary>The evaluation folder.</summary>
    public string? Output { get; init; }
    /// <summary>Where the tasks come from.</summary>
    public string? From { get; init; }
    /// <summary>Built-in domains to plan tasks in.</summary>
    public IReadOnlyList<string>? Domains { get; init; }
    /// <summary>Tasks to evaluate.</summary>
    public int? Count { get; init; }
    /// <summary>Trials per task.</summary>
    public int? Trials { get; init; }
    /// <summary>The agent under test: <c>oracle</c>, <c>read-only</c> (or <c>weak</c>) or <c>llm</c>.</summary>
    public string? Agent { get; init; }
    /// <summary>The evaluation seed.</summary>
    public ulong? Seed { get; init; }
    /// <summary>Seed of the environments' rows.</summary>
    public ulong? EnvironmentSeed { get; init; }
    /// <summary>Tasks per planned evaluation task: <c>N</c>, <c>MIN-MAX</c> or <c>N:W,N:W</c>.</summary>
    public string? TasksPerDialogue { get; init; }
    /// <summary>The turn limit per trial.</summary>
    public int? MaxTurns { get; init; }
    /// <summary>What a trial must pass: comma-separated <c>end-state</c>, <c>grounding</c>, <c>judge</c>.</summary>
    public string? Success { get; init; }
    /// <summary>How the agent reaches its tools: <c>direct</c> or <c>mcp</c>.</summary>
    public string? AgentTools { get; init; }
    /// <summary>Trials in flight at once (default: the cores); never changes the output, so never stored.</summary>
    public int? Concurrency { get; init; }

    /// <summary>
    /// The options of the evaluation: <paramref name="stored"/> (a resumed evaluation's, or null for a new one over the
    /// defaults) with every given setting in its place, and <paramref name="models"/> as its models.
    /// </summary>
    /// <exception cref="ParleyException">A given setting does not parse (the agent, the success checks, the task counts, the tool access).</exception>
    public EvaluationOptions Resolve(EvaluationOptions? stored, LlmSetup? models)
    {
        var baseline = stored ?? new EvaluationOptions { Output = Output ?? DefaultOutput };
        return baseline with
        {
            Output = Output ?? baseline.Output,
            From = From ?? baseline.From,
            Domains = Domains ?? baseline.Domains,
            Count = Count ?? baseline.Count,
            Trials = Trials ?? baseline.Trials,
            Agent = Agent is null ? baseline.Agent : EvaluationOptions.ParseAgent(Agent) ?? throw ParleyException.InvalidOption("--agent", $"'{Agent}' is not one of oracle, read-only, weak, llm"),
            Seed = Seed ?? baseline.Seed,
            EnvironmentSeed = EnvironmentSeed ?? baseline.EnvironmentSeed,
            TasksPerDialogue = TasksPerDialogue is null ? baseline.TasksPerDialogue : TaskCountDistribution.Parse(TasksPerDialogue),
            MaxTurns = MaxTurns ?? baseline.MaxTurns,
            Success = Success is null ? baseline.Success : EvaluationOptions.ParseSuccess(Success),
            AgentTools = AgentTools switch
            {
                null => baseline.AgentTools,
                "direct" => AgentToolAccess.Direct,
                "mcp" => AgentToolAccess.Mcp,
                _ => throw ParleyException.InvalidOption("--agent-tools", $"'{AgentTools}' is not one of direct, mcp"),
            },
            Concurrency = Concurrency ?? Environment.ProcessorCount,
            Llm = models,
        };
    }
}
