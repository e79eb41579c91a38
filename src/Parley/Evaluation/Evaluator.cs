using Parley.Design;
using Parley.Determinism;
using Parley.Dialogues;
using Parley.Environments;
using Parley.Generation;
using Parley.Runs;
using Parley.Serialization;
using Parley.Tasks;

namespace Parley.Evaluation;

/// <summary>
/// The library's entry point for an evaluation: the agent under test talks with the user simulator over held-out tasks,
/// each task <see cref="EvaluationOptions.Trials"/> times with its own seed, and the trials are scored by each task's
/// end state and summarised as pass^k with bootstrap intervals. The trials run through the generation pipeline
/// (streaming, progress, ledger, resume) as a run folder of their own, <c>trials/</c>.
/// </summary>
/// <remarks>
/// The folder holds <c>evaluation.json</c> (the settings, for <c>--resume</c>), <c>tasks.jsonl</c> and
/// <c>environments/</c> (the held-out tasks, a valid <c>--from</c>), <c>held_out.json</c> (their ids and content hashes,
/// for <c>export --exclude-tasks</c>), <c>trials/</c> (the generation run), <c>trials.jsonl</c> (every trajectory with its
/// score and failure attribution) and <c>results.json</c>. Same seed, same bytes, whatever the concurrency.
/// </remarks>
public sealed class Evaluator(DomainCatalog catalog)
{
    /// <summary>The settings file.</summary>
    public const string SettingsFile = "evaluation.json";
    /// <summary>The run folder of the trials.</summary>
    public const string TrialsFolder = "trials";
    /// <summary>Every trial, scored.</summary>
    public const string TrialsFile = "trials.jsonl";
    /// <summary>The summary.</summary>
    public const string ResultsFile = "results.json";

    /// <summary>An evaluator over the built-in domains.</summary>
    public Evaluator() : this(DomainCatalog.BuiltIn)
    {
    }

    /// <summary>The clock for progress figures.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Runs (or resumes) an evaluation and returns its results, also written to <c>results.json</c>.</summary>
    /// <exception cref="ParleyException">The options are invalid, or an input is missing or malformed.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; what finished is kept, and <c>--resume</c> continues.</exception>
    public async Task<EvaluationResults> RunAsync(EvaluationOptions options, IProgress<GenerationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var problems = options.Validate();
        if (problems.Count > 0) throw ParleyException.InvalidOption("options", string.Join("; ", problems));
        if (options.Resume && EvaluationOptions.ReadStored(options.Output) is { } stored && options.ConflictsWith(stored) is { Count: > 0 } conflicts)
        {
            throw ParleyException.InvalidOption("--resume", "these options differ from the evaluation being resumed (leave them out to use its own): " + string.Join("; ", conflicts));
        }
        var dialogues = EvaluationRoles.Create(options);
        var tasksFile = Path.Combine(options.Output, OutputDirectory.TasksFile);
        StartingPoint held;
        if (options.Resume && File.Exists(tasksFile))
        {
            held = ArtifactLoader.Load(tasksFile, catalog);
        }
        else
        {
            held = await HeldOutAsync(options, dialogues, cancellationToken);
            WriteHeldOut(options, held);
        }

        var groups = held.TaskGroups;
        var trials = new List<IReadOnlyList<TaskSpec>>(groups.Count * options.Trials);
        foreach (var group in groups)
        {
            for (var t = 0; t < options.Trials; t++) trials.Add([.. group.Select(task => task with { DialogueId = TrialId(task.DialogueId, t) })]);
        }
        var trialsFolder = Path.Combine(options.Output, TrialsFolder);
        var generation = new GenerationOptions
        {
            Output = trialsFolder,
            Seed = StableSeed.Derive(options.Seed, "trials"),
            Mode = options.Mode,
            EnvironmentSeed = options.EnvironmentSeed,
            Scale = options.Scale,
            MaxTurns = options.MaxTurns,
            Concurrency = options.Concurrency,
            Resume = options.Resume && File.Exists(RunLedger.PathOf(trialsFolder)),
            Llm = options.Llm,
        };
        var generator = new Generator(dialogues, new CatalogEnvironmentDesigner(catalog), catalog)
        {
            Time = Time,
            Usage = options.Llm is { IsRuleBased: false } llm ? new UsageMeterSource(llm.Usage) : null,
        };
        await generator.RunAsync(generation, new StartingPoint { Environments = held.Environments, TaskGroups = trials }, progress, cancellationToken);

        var records = Score(trialsFolder, groups, trials, options.Trials, held.Environments);
        var judge = options.Llm?.Judge is { } model ? new LlmFailureJudge(model.Client, model.Settings) : null;
        records = await AttributeUnexplainedAsync(records, trials, held.Environments, judge, options.Concurrency, cancellationToken);
        JsonlFile.Write(Path.Combine(options.Output, TrialsFile), records, EvaluationJsonContext.Default.TrialRecord);
        var results = EvaluationSummary.Of(records, groups, options, dialogues.Engines);
        File.WriteAllText(Path.Combine(options.Output, ResultsFile), IndentedJson.Serialize(results, EvaluationJsonContext.Default.EvaluationResults));
        return results;
    }

    /// <summary>The dialogue id of trial <paramref name="trial"/> of the task whose dialogue id is <paramref name="task"/>.</summary>
    public static string TrialId(string task, int trial) => $"{task}-trial{trial}";

    private async Task<StartingPoint> HeldOutAsync(EvaluationOptions options, DialogueGenerator dialogues, CancellationToken cancellationToken)
    {
        if (options.From is { } from)
        {
            var inFolder = Directory.Exists(from) ? Path.Combine(from, OutputDirectory.TasksFile) : null;
            var loaded = ArtifactLoader.Load(inFolder is not null && File.Exists(inFolder) ? inFolder : from, catalog);
            if (loaded.States.Count > 0) throw ParleyException.InvalidOption("--from", "saved states cannot be evaluated; give tasks, a run folder or environments");
            if (loaded.TaskGroups.Count > 0)
            {
                var groups = options.Count is { } n ? loaded.TaskGroups.Take(n).ToList() : loaded.TaskGroups;
                var used = groups.Select(g => g[0].EnvironmentId).ToHashSet(StringComparer.Ordinal);
                return new StartingPoint { TaskGroups = groups, Environments = [.. loaded.Environments.Where(e => used.Contains(e.Id))] };
            }
            return await PlanAsync(options, dialogues, loaded.Environments, cancellationToken);
        }
        var names = options.Domains.Count > 0 ? options.Domains : catalog.Names;
        return await PlanAsync(options, dialogues, [.. names.Distinct().Select(catalog.Get)], cancellationToken);
    }

    // Held-out tasks planned on the fly, with a seed of their own: a training run with another seed draws other tasks,
    // and export --exclude-tasks removes any that coincide.
    private static async Task<StartingPoint> PlanAsync(EvaluationOptions options, DialogueGenerator dialogues, IReadOnlyList<EnvironmentSpec> specs, CancellationToken cancellationToken)
    {
        if (specs.Count == 0) throw ParleyException.InvalidOption("--domains", "no environment to plan tasks in");
        var built = specs.Select(s => EnvironmentDatabase.Build(s, options.EnvironmentSeed, options.Scale)).ToList();
        try
        {
            var seed = StableSeed.Derive(options.Seed, "held-out");
            var groups = new List<IReadOnlyList<TaskSpec>>();
            var count = options.Count ?? 50;
            for (var i = 0; groups.Count < count && i < count * 4; i++)
            {
                var env = built[i % built.Count];
                var start = await dialogues.PlanAsync(env, i, StableSeed.DialogueId(seed, i), StableSeed.Derive(seed, "dialogue", i), options.Mode, options.TasksPerDialogue, cancellationToken);
                if (start.State is { } state) groups.Add(state.Tasks);
            }
            if (groups.Count < count) throw ParleyException.InvalidOption("-n", $"only {groups.Count} of {count} tasks could be planned");
            return new StartingPoint { TaskGroups = groups, Environments = [.. built.Select(b => b.Spec)] };
        }
        finally
        {
            foreach (var env in built) env.Dispose();
        }
    }

    private static void WriteHeldOut(EvaluationOptions options, StartingPoint held)
    {
        Directory.CreateDirectory(Path.Combine(options.Output, OutputDirectory.EnvironmentsFolder));
        File.WriteAllText(Path.Combine(options.Output, SettingsFile),
            IndentedJson.Serialize(new Dictionary<string, string>(options.ToStored()), PrimitiveJsonContext.Default.DictionaryStringString));
        foreach (var spec in held.Environments)
        {
            File.WriteAllText(Path.Combine(options.Output, OutputDirectory.EnvironmentsFolder, spec.Id + ".json"),
                IndentedJson.Serialize(spec, EnvironmentJsonContext.Default.EnvironmentSpec));
        }
        JsonlFile.Write(Path.Combine(options.Output, OutputDirectory.TasksFile), held.TaskGroups.SelectMany(g => g), RunJsonContext.Default.TaskSpec);
        HeldOutTasks.Of(held.TaskGroups.SelectMany(g => g)).Write(options.Output);
    }

    // What the rules could not explain goes to the LLM judge when there is one; offline it stays unattributed, saying why.
    internal static async Task<List<TrialRecord>> AttributeUnexplainedAsync(List<TrialRecord> records, List<IReadOnlyList<TaskSpec>> trials,
        IReadOnlyList<EnvironmentSpec> environments, LlmFailureJudge? judge, int concurrency, CancellationToken cancellationToken)
    {
        var byId = environments.ToDictionary(e => e.Id, StringComparer.Ordinal);
        var unexplained = Enumerable.Range(0, records.Count).Where(i => records[i].Failure is { Kind: FailureKinds.Unattributed }).ToList();
        if (judge is null)
        {
            foreach (var i in unexplained) records[i] = records[i] with { Failure = records[i].Failure! with { Detail = records[i].Failure!.Detail + "; " + LlmFailureJudge.Offline } };
            return records;
        }
        // Each trial's question is independent and seeded by the trial, so the order of answers never shows in the output.
        await Parallel.ForEachAsync(unexplained, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var tasks = trials[i];
            records[i] = records[i] with { Failure = await judge.AttributeAsync(records[i].Failure!, records[i].Dialogue, tasks, byId[tasks[0].EnvironmentId].Tools, ct) };
        });
        return records;
    }

    private static List<TrialRecord> Score(string trialsFolder, IReadOnlyList<IReadOnlyList<TaskSpec>> groups, List<IReadOnlyList<TaskSpec>> trials,
        int perTask, IReadOnlyList<EnvironmentSpec> environments)
    {
        var kept = new Dictionary<string, Dialogue>(StringComparer.Ordinal);
        var rejected = new Dictionary<string, RejectedDialogue>(StringComparer.Ordinal);
        foreach (var item in RunReader.Read(trialsFolder))
        {
            if (item.Kept is { } dialogue) kept[dialogue.Id] = dialogue;
            else if (item.RejectedEntry is { } entry) rejected[entry.Id] = entry;
        }
        var byId = environments.ToDictionary(e => e.Id, StringComparer.Ordinal);
        var records = new List<TrialRecord>(trials.Count);
        for (var p = 0; p < trials.Count; p++)
        {
            var tasks = trials[p];
            var group = groups[p / perTask];
            var env = byId[tasks[0].EnvironmentId];
            var id = tasks[0].DialogueId;
            var record = new TrialRecord
            {
                Task = group[0].DialogueId,
                TaskIds = [.. tasks.Select(t => t.Id)],
                Domain = env.Domain,
                Trial = p % perTask,
                Passed = kept.ContainsKey(id),
            };
            if (kept.TryGetValue(id, out var dialogue)) record = record with { Dialogue = dialogue };
            else if (rejected.TryGetValue(id, out var failed))
                record = record with { Dialogue = failed.Dialogue, Failure = FailureAttribution.Attribute(failed.Dialogue, failed.Reasons, tasks, env.Tools) };
            else throw ParleyException.InvalidFile(trialsFolder, $"trial {id} is in neither {OutputDirectory.DialoguesFile} nor {OutputDirectory.RejectedFile}");
            records.Add(record);
        }
        return records;
    }
}
