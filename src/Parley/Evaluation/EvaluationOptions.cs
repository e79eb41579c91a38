using System.Globalization;
using System.Text.Json;
using Parley.Dialogues;
using Parley.Generation;
using Parley.Llm;
using Parley.Runs;
using Parley.Serialization;

namespace Parley.Evaluation;

/// <summary>The settings of one evaluation run.</summary>
public sealed record EvaluationOptions
{
    /// <summary>The evaluation folder.</summary>
    public required string Output { get; init; }

    /// <summary>
    /// Where the tasks come from: a folder holding <c>tasks.jsonl</c> (a run, an evaluation, an imported environment), a
    /// tasks file, or an environment artifact to plan tasks in; null plans them in <see cref="Domains"/>.
    /// </summary>
    public string? From { get; init; }

    /// <summary>Built-in domains to plan tasks in when there is no <see cref="From"/>; empty means all.</summary>
    public IReadOnlyList<string> Domains { get; init; } = [];

    /// <summary>Tasks to evaluate: the first ones of <see cref="From"/>'s tasks (null: all), or how many to plan (null: 50).</summary>
    public int? Count { get; init; }

    /// <summary>Trials per task, each with its own seed; pass^k is reported for every k up to it.</summary>
    public int Trials { get; init; } = 1;

    /// <summary>The evaluation seed: the planned tasks' and every trial's seeds derive from it.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Seed of the environments' rows (as in generation, so evaluation and training share environments).</summary>
    public ulong EnvironmentSeed { get; init; }

    /// <summary>Multiplies the seed row counts of built-in domains.</summary>
    public double Scale { get; init; } = 1.0;

    /// <summary>User-oriented (default) or task-oriented user.</summary>
    public DialogueMode Mode { get; init; } = DialogueMode.UserOriented;

    /// <summary>Tasks per planned evaluation task (a dialogue's worth).</summary>
    public TaskCountDistribution TasksPerDialogue { get; init; } = TaskCountDistribution.Default;

    /// <summary>The agent under test.</summary>
    public AgentUnderTest Agent { get; init; } = AgentUnderTest.Oracle;

    /// <summary>What a trial must pass to succeed; the end state is always checked.</summary>
    public SuccessChecks Success { get; init; } = SuccessChecks.EndState;

    /// <summary>How the agent under test reaches its tools: directly, or only through an MCP server.</summary>
    public AgentToolAccess AgentTools { get; init; } = AgentToolAccess.Direct;

    /// <summary>The turn limit per trial.</summary>
    public int MaxTurns { get; init; } = 200;

    /// <summary>Trials in flight at once; never changes the output.</summary>
    public int Concurrency { get; init; } = Environment.ProcessorCount;

    /// <summary>Continue the evaluation in <see cref="Output"/> where it stopped.</summary>
    public bool Resume { get; init; }

    /// <summary>The models: the agent's when <see cref="Agent"/> is <see cref="AgentUnderTest.Llm"/>, the user's for an LLM user, the judge's for a judge check. The caller owns it.</summary>
    public LlmSetup? Llm { get; init; }

    /// <summary>Validates the options, returning the problems found.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Count is < 1) problems.Add("-n must be at least 1");
        if (Trials is < 1 or > 1000) problems.Add("--trials must be in [1, 1000]");
        if (MaxTurns < 4) problems.Add("--max-turns must be at least 4");
        if (Concurrency < 1) problems.Add("--concurrency must be at least 1");
        if (Scale is <= 0 or > 1000) problems.Add("--scale must be in (0, 1000]");
        if (From is not null && !File.Exists(From) && !Directory.Exists(From)) problems.Add($"--from: '{From}' does not exist");
        if (Success.HasFlag(SuccessChecks.Judge) && Llm?.Judge is null) problems.Add("--success judge needs a judge model (--judge with --llm, or roles.judge in --config)");
        if (Agent == AgentUnderTest.Llm && Llm?.Agent is null) problems.Add("--agent llm needs a model for the agent (--llm URL --model NAME, or roles.agent in --config)");
        return problems;
    }

    /// <summary>The settings that shape the output, as stored in the evaluation's <c>evaluation.json</c>.</summary>
    public IReadOnlyDictionary<string, string> ToStored() => new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["from"] = From is null ? "" : Path.GetFullPath(From),
        ["domains"] = string.Join(",", Domains),
        ["n"] = Count?.ToString(CultureInfo.InvariantCulture) ?? "",
        ["trials"] = Trials.ToString(CultureInfo.InvariantCulture),
        ["seed"] = Seed.ToString(CultureInfo.InvariantCulture),
        ["environment_seed"] = EnvironmentSeed.ToString(CultureInfo.InvariantCulture),
        ["scale"] = Scale.ToString("R", CultureInfo.InvariantCulture),
        ["mode"] = Mode.Name(),
        ["tasks_per_dialogue"] = TasksPerDialogue.ToString(),
        ["agent"] = AgentName(Agent),
        ["max_turns"] = MaxTurns.ToString(CultureInfo.InvariantCulture),
        ["success"] = SuccessName(Success),
        ["agent_tools"] = AgentTools == AgentToolAccess.Mcp ? "mcp" : "direct",
    };

    /// <summary>The settings where these options differ from <paramref name="stored"/> (an <c>evaluation.json</c>), as "--flag: ...".</summary>
    /// <remarks>Settings added after an evaluation started are compared with their defaults, which it ran with.</remarks>
    public IReadOnlyList<string> ConflictsWith(IReadOnlyDictionary<string, string> stored)
    {
        var defaults = new EvaluationOptions { Output = Output }.ToStored();
        return StoredSettings.Conflicts(ToStored(), stored, key => defaults[key], "evaluation");
    }

    /// <summary>The stored settings of the evaluation in <paramref name="folder"/>, or null when it has none.</summary>
    public static IReadOnlyDictionary<string, string>? ReadStored(string folder)
    {
        var path = Path.Combine(folder, Evaluator.SettingsFile);
        if (!File.Exists(path)) return null;
        return JsonSerializer.Deserialize(File.ReadAllText(path), PrimitiveJsonContext.Default.DictionaryStringString)
            ?? throw ParleyException.InvalidFile(path, "empty");
    }

    /// <summary>The <c>--success</c> form of <paramref name="checks"/>: <c>end-state</c>, then <c>grounding</c> and <c>judge</c> when on.</summary>
    public static string SuccessName(SuccessChecks checks) => string.Join(",", new[]
    {
        "end-state",
        checks.HasFlag(SuccessChecks.Grounding) ? "grounding" : null,
        checks.HasFlag(SuccessChecks.Judge) ? "judge" : null,
    }.OfType<string>());

    /// <summary>Parses a comma-separated list of <c>end-state</c>, <c>grounding</c> and <c>judge</c>; the end state is always checked.</summary>
    /// <exception cref="ParleyException">A name is not one of them.</exception>
    public static SuccessChecks ParseSuccess(string text)
    {
        var checks = SuccessChecks.EndState;
        foreach (var name in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            checks |= name switch
            {
                "end-state" => SuccessChecks.EndState,
                "grounding" => SuccessChecks.Grounding,
                "judge" => SuccessChecks.Judge,
                _ => throw ParleyException.InvalidOption("--success", $"unknown check '{name}'; valid: end-state, grounding, judge"),
            };
        }
        return checks;
    }

    /// <summary>The options the evaluation in <paramref name="folder"/> was started with, set to resume it.</summary>
    /// <exception cref="ParleyException">The folder holds no evaluation settings.</exception>
    public static EvaluationOptions StoredIn(string folder)
    {
        var path = Path.Combine(folder, Evaluator.SettingsFile);
        var stored = ReadStored(folder) ?? throw ParleyException.NotFound(folder, $"no {Evaluator.SettingsFile}: not an evaluation folder, or it never started");
        string Get(string key) => stored.TryGetValue(key, out var v) ? v : throw ParleyException.InvalidFile(path, $"no '{key}' setting");
        return new EvaluationOptions
        {
            Output = folder,
            Resume = true,
            From = Get("from") is { Length: > 0 } from ? from : null,
            Domains = Get("domains").Split(',', StringSplitOptions.RemoveEmptyEntries),
            Count = Get("n") is { Length: > 0 } n ? int.Parse(n, CultureInfo.InvariantCulture) : null,
            Trials = int.Parse(Get("trials"), CultureInfo.InvariantCulture),
            Seed = ulong.Parse(Get("seed"), CultureInfo.InvariantCulture),
            EnvironmentSeed = ulong.Parse(Get("environment_seed"), CultureInfo.InvariantCulture),
            Scale = double.Parse(Get("scale"), CultureInfo.InvariantCulture),
            Mode = DialogueModes.Parse(Get("mode")) ?? throw ParleyException.InvalidFile(path, $"unknown mode '{Get("mode")}'"),
            TasksPerDialogue = TaskCountDistribution.Parse(Get("tasks_per_dialogue")),
            Agent = ParseAgent(Get("agent")) ?? throw ParleyException.InvalidFile(path, $"unknown agent '{Get("agent")}'"),
            MaxTurns = int.Parse(Get("max_turns"), CultureInfo.InvariantCulture),
            Success = ParseSuccess(stored.GetValueOrDefault("success") ?? ""),
            AgentTools = stored.GetValueOrDefault("agent_tools") == "mcp" ? AgentToolAccess.Mcp : AgentToolAccess.Direct,
        };
    }

    /// <summary>The flag name of an agent under test.</summary>
    public static string AgentName(AgentUnderTest agent) => agent switch
    {
        AgentUnderTest.ReadOnly => ReadOnlyAgent.Engine,
        AgentUnderTest.Llm => "llm",
        _ => "oracle",
    };

    /// <summary>Parses <c>oracle</c>, <c>read-only</c> (or <c>weak</c>) and <c>llm</c>; null otherwise.</summary>
    public static AgentUnderTest? ParseAgent(string name) => name switch
    {
        "oracle" => AgentUnderTest.Oracle,
        "read-only" or "weak" => AgentUnderTest.ReadOnly,
        "llm" => AgentUnderTest.Llm,
        _ => null,
    };
}
