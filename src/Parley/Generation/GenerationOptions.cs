using System.Globalization;
using Parley.Dialogues;
using Parley.Llm;
using Parley.Runs;

namespace Parley.Generation;

/// <summary>The settings of one generation run.</summary>
public sealed record GenerationOptions
{
    // The stored SHA-256 of the --from artifact: compared by content on resume, never as a flag.
    private const string FromHashKey = "from_sha256";
    private const string AugmentHashKey = "augment_sha256";
    private const string SingleCallsKey = "no_parallel_calls";
    // The models as parley.yaml text (LlmConfigText): compared setting by setting on resume, and reused when no model flag is given.
    private const string ModelsKey = "llm";

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

    /// <summary>
    /// Dialogues in flight at once (planned, conversing or being verified). The rule-based roles are CPU-bound, so the
    /// cores are enough; LLM roles wait on the network, so thousands can be in flight in one process.
    /// </summary>
    /// <remarks>Never changes the output: each dialogue's seed derives from the run seed and its index.</remarks>
    public int Concurrency { get; init; } = Environment.ProcessorCount;

    /// <summary>The former name of <see cref="Concurrency"/>, kept as an alias.</summary>
    public int Parallelism { get => Concurrency; init => Concurrency = value; }

    /// <summary>This machine's slice of the run, when the run is split over machines; null for the whole run.</summary>
    public ShardSpec? Shard { get; init; }

    /// <summary>
    /// Continue the run in <see cref="Output"/> where it stopped (its ledger says where), instead of starting afresh.
    /// Every option that shapes the output must equal the original run's (see <see cref="ReadStored"/>).
    /// </summary>
    public bool Resume { get; init; }

    /// <summary>
    /// Replace the earlier Parley run in <see cref="Output"/> (its run files, ledger and environments are deleted first).
    /// Without it a run refuses a folder that is not empty; with it, still a folder that is not a Parley run.
    /// </summary>
    public bool Force { get; init; }

    /// <summary>The models playing roles (null or <see cref="LlmSetup.IsRuleBased"/>: every role rule-based). The caller owns and disposes it.</summary>
    public LlmSetup? Llm { get; init; }

    /// <summary>
    /// Of options read from a run's ledger (<see cref="StoredIn"/>): the models the run was started with, to build
    /// <see cref="Llm"/> from when resuming without model flags; null for other options and for ledgers that predate it.
    /// </summary>
    public LlmConfig? StoredModels { get; init; }

    /// <summary>An existing database to design an environment over: a SQLite file, or a <c>.sql</c> script (DDL, optionally with INSERTs).</summary>
    public string? FromDatabase { get; init; }

    /// <summary>Rows kept per table of <see cref="FromDatabase"/> (the first ones, foreign keys kept consistent).</summary>
    public int MaxRowsPerTable { get; init; } = Parley.Design.ExistingDatabase.DefaultMaxRowsPerTable;

    /// <summary>An OpenAI function-list JSON file whose tools the designer reproduces with SQL and extends.</summary>
    public string? SeedTools { get; init; }

    /// <summary>An MCP server whose tools become the environment: a stdio command line, or an <c>http(s)://</c> streamable HTTP endpoint.</summary>
    public string? FromMcp { get; init; }

    /// <summary>Brainstorm this many new domains (inspired by <see cref="Domains"/>, distinct from the built-in ones) and design those; 0 for none.</summary>
    public int DesignDomains { get; init; }

    /// <summary>
    /// A JSONL file of tool-free conversations (OpenAI messages or ShareGPT) to continue, one dialogue each: the original
    /// turns are kept verbatim and a tool-use need is injected after them (<c>parley augment</c>).
    /// </summary>
    public string? Augment { get; init; }

    /// <summary>
    /// Let the agent make independent look-ups in one message (parallel tool calls); false keeps one call per assistant
    /// message, for chat templates that refuse more (Llama 3.1). Exports can split calls afterwards too
    /// (<c>export --split-parallel-calls</c>).
    /// </summary>
    public bool ParallelToolCalls { get; init; } = true;

    /// <summary>Validates the options, returning the problems found.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Count is < 0) problems.Add("-n must be zero or more");
        if (string.IsNullOrWhiteSpace(Output)) problems.Add("--out must name a folder");
        if (Resume && Force) problems.Add("--force replaces a run and --resume continues one; give only one of them");
        if (!(Scale is > 0 and <= 1000)) problems.Add("--scale must be in (0, 1000]"); // negated so NaN fails too
        if (MaxTurns < 4) problems.Add("--max-turns must be at least 4");
        if (PauseAfter is < 1) problems.Add("--pause-after must be at least 1");
        if (Concurrency < 1) problems.Add("--concurrency must be at least 1");
        if (From is not null && !File.Exists(From) && !Directory.Exists(From)) problems.Add($"--from: '{From}' does not exist");
        if (From is not null && !string.IsNullOrWhiteSpace(Output) && RunFolder.Contains(Output, From))
        {
            problems.Add($"--from: '{From}' is inside the output folder '{Output}', which the run rewrites; copy it elsewhere or write to another --out");
        }
        if (FromDatabase is not null && !File.Exists(FromDatabase)) problems.Add($"--from-db: '{FromDatabase}' does not exist");
        if (SeedTools is not null && !File.Exists(SeedTools)) problems.Add($"--seed-tools: '{SeedTools}' does not exist");
        if (MaxRowsPerTable < 1) problems.Add("the rows kept per table must be at least 1");
        if (DesignDomains < 0) problems.Add("--design-domains must be zero or more");
        if (From is not null && (FromDatabase is not null || SeedTools is not null || DesignDomains > 0)) problems.Add("--from cannot be combined with designing options (--from-db, --seed-tools, --design-domains)");
        if (FromDatabase is not null && DesignDomains > 0) problems.Add("--from-db and --design-domains cannot be combined");
        if (FromMcp is not null && (From is not null || FromDatabase is not null || SeedTools is not null || DesignDomains > 0)) problems.Add("--from-mcp cannot be combined with --from, --from-db, --seed-tools or --design-domains");
        if (FromMcp is { } mcp && string.IsNullOrWhiteSpace(mcp)) problems.Add("--from-mcp needs a command line or a URL");
        if (Augment is not null && !File.Exists(Augment)) problems.Add($"augment --from: '{Augment}' does not exist");
        if (Augment is not null && (From is not null || PauseAfter is not null)) problems.Add("augmenting conversations cannot be combined with generate's --from or --pause-after");
        return problems;
    }

    /// <summary>
    /// The options that shape the output, as text: stored in the run's ledger so a resumed run uses the original
    /// settings, and compared to spot conflicting flags. <see cref="Concurrency"/> and <see cref="Output"/> are not in it.
    /// It holds the SHA-256 of the <see cref="From"/> artifact's content too (see <see cref="FromChangedSince"/>), so
    /// this reads the artifact.
    /// </summary>
    public IReadOnlyDictionary<string, string> ToStored()
    {
        var stored = Settings();
        stored[FromHashKey] = From is null ? "" : ArtifactHash.Of(From);
        if (Augment is not null) stored[AugmentHashKey] = ArtifactHash.Of(Augment);
        stored[ModelsKey] = LlmConfigText.Write(Models);
        return stored;
    }

    /// <summary>
    /// The problem when the <see cref="From"/> artifact's content differs from what the run in <paramref name="stored"/>
    /// started with; null when it is the same, when there is no artifact or it is another path (a conflicting flag,
    /// see <see cref="ConflictsWith"/>), or when the ledger predates content hashes (nothing to compare with).
    /// </summary>
    public string? FromChangedSince(IReadOnlyDictionary<string, string> stored)
    {
        if (Augment is not null && stored.GetValueOrDefault(AugmentHashKey) is { Length: > 0 } chats && ArtifactHash.Of(Augment) != chats)
        {
            return $"'{Augment}' changed since the run started; restore it, or start a new run with another --out";
        }
        if (From is null || stored.GetValueOrDefault(FromHashKey) is not { Length: > 0 } then || stored.GetValueOrDefault("from") != Path.GetFullPath(From)) return null;
        var now = ArtifactHash.Of(From);
        return now == then ? null
            : $"'{From}' changed since the run started (sha256 {then[..12]}… then, {now[..12]}… now); restore it, or start a new run with another --out";
    }

    private SortedDictionary<string, string> Settings()
    {
        var settings = BaseSettings();
        // Recorded only when used, so the ledgers of runs that do not augment keep the settings they always had.
        if (Augment is not null) settings["augment"] = Path.GetFullPath(Augment);
        return settings;
    }

    private SortedDictionary<string, string> BaseSettings() => new(StringComparer.Ordinal)
    {
        ["mode"] = Mode.Name(),
        ["n"] = Count?.ToString(CultureInfo.InvariantCulture) ?? "",
        ["seed"] = Seed.ToString(CultureInfo.InvariantCulture),
        ["domains"] = string.Join(",", Domains),
        ["tasks_per_dialogue"] = TasksPerDialogue.ToString(),
        ["scale"] = Scale.ToString("R", CultureInfo.InvariantCulture),
        ["environment_seed"] = EnvironmentSeed.ToString(CultureInfo.InvariantCulture),
        ["max_turns"] = MaxTurns.ToString(CultureInfo.InvariantCulture),
        ["from"] = From is null ? "" : Path.GetFullPath(From),
        ["pause_after"] = PauseAfter?.ToString(CultureInfo.InvariantCulture) ?? "",
        ["shard"] = Shard?.ToString() ?? "",
        [SingleCallsKey] = ParallelToolCalls ? "false" : "true",
    };

    /// <summary>The options the run in <paramref name="runFolder"/> was started with (from its ledger), set to resume it.</summary>
    public static GenerationOptions StoredIn(string runFolder)
    {
        using var ledger = RunLedger.Open(runFolder);
        return ReadStored(ledger.Options, runFolder);
    }

    /// <summary>Rebuilds the options of a run from their stored form (<see cref="ToStored"/>), set to resume it in <paramref name="output"/>.</summary>
    public static GenerationOptions ReadStored(IReadOnlyDictionary<string, string> stored, string output)
    {
        string Get(string key) => stored.TryGetValue(key, out var v) ? v : throw ParleyException.InvalidFile(output, $"the run's ledger has no '{key}' setting");
        int? OptionalInt(string key) => Get(key) is { Length: > 0 } v ? int.Parse(v, CultureInfo.InvariantCulture) : null;
        try
        {
            return Read();
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw ParleyException.InvalidFile(RunLedger.PathOf(output), $"a stored setting does not parse ({e.Message}); the ledger is damaged");
        }

        GenerationOptions Read() => new()
        {
            Output = output,
            Resume = true,
            Mode = DialogueModes.Parse(Get("mode")) ?? throw ParleyException.InvalidFile(RunLedger.PathOf(output), $"unknown mode '{Get("mode")}'; the ledger is damaged"),
            Count = OptionalInt("n"),
            Seed = ulong.Parse(Get("seed"), CultureInfo.InvariantCulture),
            Domains = Get("domains").Split(',', StringSplitOptions.RemoveEmptyEntries),
            TasksPerDialogue = TaskCountDistribution.Parse(Get("tasks_per_dialogue")),
            Scale = double.Parse(Get("scale"), CultureInfo.InvariantCulture),
            EnvironmentSeed = ulong.Parse(Get("environment_seed"), CultureInfo.InvariantCulture),
            MaxTurns = int.Parse(Get("max_turns"), CultureInfo.InvariantCulture),
            From = Get("from") is { Length: > 0 } from ? from : null,
            Augment = stored.GetValueOrDefault("augment") is { Length: > 0 } augment ? augment : null,
            ParallelToolCalls = stored.GetValueOrDefault(SingleCallsKey) != "true",
            PauseAfter = OptionalInt("pause_after"),
            Shard = Get("shard") is { Length: > 0 } shard ? ShardRange.Parse(shard, output).ToResumable(output) : null,
            StoredModels = stored.TryGetValue(ModelsKey, out var models) ? LlmConfigText.Read(models, RunLedger.PathOf(output)) : null,
        };
    }

    /// <summary>The settings where these options differ from <paramref name="stored"/>, as "--flag: was X, now Y".</summary>
    /// <remarks>The models are compared setting by setting (<see cref="LlmConfigText.Conflicts"/>), prompts included; a
    /// ledger that predates recording them is not compared.</remarks>
    public IReadOnlyList<string> ConflictsWith(IReadOnlyDictionary<string, string> stored)
    {
        // A ledger written before a setting existed ran with its default.
        var defaults = new GenerationOptions { Output = Output }.Settings();
        return [.. StoredSettings.Conflicts(Settings(), stored, key => defaults.GetValueOrDefault(key, ""), "run"),
            .. stored.TryGetValue(ModelsKey, out var models) ? LlmConfigText.Conflicts(LlmConfigText.Read(models, ModelsKey), Models) : []];
    }

    private LlmConfig Models => Llm?.Config ?? LlmConfig.RuleBased;
}
