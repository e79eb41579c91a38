using Parley.Dialogues;
using Parley.Llm;

namespace Parley.Generation;

/// <summary>The settings of one generation run.</summary>
public sealed record GenerationOptions
{
    /// <summary>Where the run's files go.</summary>
    public required string Output { get; init; }

    /// <summary>Dialogues attempted (kept + rejected); null means 50, or every item of a <see cref="From"/> artifact.</summary>
    public int? Count { get; init; }

    /// <summary>The run seed; every dialogue's seed derives from it and the dialogue's index.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>User-oriented (default) or task-oriented.</summary>
    public DialogueMode Mode { get; init; } = DialogueMode.UserOriented;

    /// <summary>Built-in domains to use; empty means all.</summary>
    public IReadOnlyList<string> Domains { get; init; } = [];

    /// <summary>How many tasks each dialogue gets.</summary>
    public TaskCountDistribution TasksPerDialogue { get; init; } = TaskCountDistribution.Default;

    /// <summary>Multiplies the seed row counts of built-in domains.</summary>
    public double Scale { get; init; } = 1.0;

    /// <summary>Seed of the environments' rows; kept apart from the run seed so runs share environments.</summary>
    public ulong EnvironmentSeed { get; init; }

    /// <summary>The turn limit per dialogue.</summary>
    public int MaxTurns { get; init; } = 200;

    /// <summary>A saved artifact to start from: a domain list, an environment file or folder, a tasks file, or saved states.</summary>
    public string? From { get; init; }

    /// <summary>Stop each dialogue after this many turns and save its state instead of finishing it.</summary>
    public int? PauseAfter { get; init; }

    /// <summary>Dialogues generated at once.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>The models playing roles (null or <see cref="LlmSetup.IsRuleBased"/>: every role rule-based). The caller owns and disposes it.</summary>
    public LlmSetup? Llm { get; init; }

    /// <summary>Validates the options, returning the problems found.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Count is < 0) problems.Add("-n must be zero or more");
        if (Scale is <= 0 or > 1000) problems.Add("--scale must be in (0, 1000]");
        if (MaxTurns < 4) problems.Add("--max-turns must be at least 4");
        if (PauseAfter is < 1) problems.Add("--pause-after must be at least 1");
        if (Parallelism < 1) problems.Add("--parallelism must be at least 1");
        if (From is not null && !File.Exists(From) && !Directory.Exists(From)) problems.Add($"--from: '{From}' does not exist");
        return problems;
    }
}
