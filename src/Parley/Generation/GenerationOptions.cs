using Parley.Dialogues;

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

    /// <summary>An existing database to design an environment over: a SQLite file, or a <c>.sql</c> script (DDL, optionally with INSERTs).</summary>
    public string? FromDatabase { get; init; }

    /// <summary>Rows kept per table of <see cref="FromDatabase"/> (the first ones, foreign keys kept consistent).</summary>
    public int MaxRowsPerTable { get; init; } = Environments.ExistingDatabase.DefaultMaxRowsPerTable;

    /// <summary>An OpenAI function-list JSON file whose tools the designer reproduces with SQL and extends.</summary>
    public string? SeedTools { get; init; }

    /// <summary>Brainstorm this many new domains (inspired by <see cref="Domains"/>, distinct from the built-in ones) and design those; 0 for none.</summary>
    public int DesignDomains { get; init; }

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
        if (FromDatabase is not null && !File.Exists(FromDatabase)) problems.Add($"--from-db: '{FromDatabase}' does not exist");
        if (SeedTools is not null && !File.Exists(SeedTools)) problems.Add($"--seed-tools: '{SeedTools}' does not exist");
        if (MaxRowsPerTable < 1) problems.Add("the rows kept per table must be at least 1");
        if (DesignDomains < 0) problems.Add("--design-domains must be zero or more");
        if (From is not null && (FromDatabase is not null || SeedTools is not null || DesignDomains > 0)) problems.Add("--from cannot be combined with designing options (--from-db, --seed-tools, --design-domains)");
        if (FromDatabase is not null && DesignDomains > 0) problems.Add("--from-db and --design-domains cannot be combined");
        return problems;
    }
}
