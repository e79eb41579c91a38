using Parley.Dialogues;
using Parley.Llm;
using Parley.Runs;

namespace Parley.Generation;

/// <summary>
/// The generation settings given on a command line, each null when not given: over the defaults they start a run, and
/// over a stored run's options (<c>--resume</c>) they change only what was given.
/// </summary>
public sealed record GenerationOverrides
{
    /// <summary>The run folder of a new run when none is given.</summary>
    public const string DefaultOutput = "out/run";


    /// <summary>The run folder.</summary>
    public string? Output { get; init; }
    /// <summary>Dialogues to attempt.</summary>
    public int? Count { get; init; }
    /// <summary>The run seed.</summary>
    public ulong? Seed { get; init; }
    /// <summary>One of <see cref="DialogueModes.Names"/>.</summary>
    public string? Mode { get; init; }
    /// <summary>Built-in domains to use.</summary>
    public IReadOnlyList<string>? Domains { get; init; }
    /// <summary>Tasks per dialogue: <c>N</c>, <c>MIN-MAX</c> or <c>N:W,N:W</c>.</summary>
    public string? TasksPerDialogue { get; init; }
    /// <summary>A saved artifact to start from (<c>generate --from</c>).</summary>
    public string? From { get; init; }
    /// <summary>A chats file to augment (<c>augment --from</c>).</summary>
    public string? Augment { get; init; }
    /// <summary>Seed row count multiplier.</summary>
    public double? Scale { get; init; }
    /// <summary>Seed of the environments' rows.</summary>
    public ulong? EnvironmentSeed { get; init; }
    /// <summary>Turn limit per dialogue.</summary>
    public int? MaxTurns { get; init; }
    /// <summary>Turns after which each dialogue is paused.</summary>
    public int? PauseAfter { get; init; }
    /// <summary>Dialogues in flight at once.</summary>
    public int? Concurrency { get; init; }
    /// <summary>The shard, <c>i/N</c>.</summary>
    public string? Shard { get; init; }
    /// <summary>An existing database to design tools over.</summary>
    public string? FromDatabase { get; init; }
    /// <summary>Rows kept per table of <see cref="FromDatabase"/>.</summary>
    public int? MaxRowsPerTable { get; init; }
    /// <summary>An OpenAI function-list file the designer reproduces.</summary>
    public string? SeedTools { get; init; }
    /// <summary>New domains to brainstorm and design.</summary>
    public int? DesignDomains { get; init; }
    /// <summary>An MCP server to generate over.</summary>
    public string? FromMcp { get; init; }
    /// <summary>False for one tool call per assistant message (<c>--no-parallel-calls</c>); null keeps the run's setting.</summary>
    public bool? ParallelToolCalls { get; init; }
    /// <summary>Replace an earlier run in the output folder.</summary>
    public bool Force { get; init; }

    /// <summary>
    /// The options of the run: <paramref name="stored"/> (a resumed run's, or null for a new run over the defaults) with
    /// every given setting in its place. Without <see cref="Concurrency"/>, the cores, or with models at least the
    /// endpoints' concurrency summed; without <see cref="Shard"/>, a new run takes its shard from the environment
    /// (<see cref="ShardSpec.FromEnvironment"/>) and a resumed one keeps its own.
    /// </summary>
    /// <exception cref="ParleyException">A given setting does not parse (the mode, the task counts, the shard).</exception>
    public GenerationOptions Resolve(GenerationOptions? stored, LlmSetup models, LlmConfig modelsConfig, Func<string, string?> environment)
    {
        var baseline = stored ?? new GenerationOptions { Output = Output ?? DefaultOutput };
        return baseline with
        {
            Output = Output ?? baseline.Output,
            Count = Count ?? baseline.Count,
            Seed = Seed ?? baseline.Seed,
            Mode = Mode is null ? baseline.Mode : ParseMode(Mode),
            Domains = Domains ?? baseline.Domains,
            TasksPerDialogue = TasksPerDialogue is null ? baseline.TasksPerDialogue : TaskCountDistribution.Parse(TasksPerDialogue),
            From = From ?? baseline.From,
            Augment = Augment ?? baseline.Augment,
            Scale = Scale ?? baseline.Scale,
            EnvironmentSeed = EnvironmentSeed ?? baseline.EnvironmentSeed,
            MaxTurns = MaxTurns ?? baseline.MaxTurns,
            PauseAfter = PauseAfter ?? baseline.PauseAfter,
            Concurrency = Concurrency ?? (models.IsRuleBased ? Environment.ProcessorCount : Math.Max(Environment.ProcessorCount, modelsConfig.DialogueConcurrency)),
            Shard = Shard is not null ? ShardSpec.Parse(Shard) : stored is null ? ShardSpec.FromEnvironment(environment) : baseline.Shard,
            Llm = models,
            FromDatabase = FromDatabase ?? baseline.FromDatabase,
            MaxRowsPerTable = MaxRowsPerTable ?? baseline.MaxRowsPerTable,
            SeedTools = SeedTools ?? baseline.SeedTools,
            DesignDomains = DesignDomains ?? baseline.DesignDomains,
            Force = Force,
            FromMcp = FromMcp ?? baseline.FromMcp,
            ParallelToolCalls = ParallelToolCalls ?? baseline.ParallelToolCalls,
        };
    }

    private static DialogueMode ParseMode(string name) => DialogueModes.Parse(name)
        ?? throw ParleyException.InvalidOption("--mode", $"'{name}' is not one of {string.Join(", ", DialogueModes.Names)}");
}
