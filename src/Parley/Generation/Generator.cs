using System.Globalization;
using System.Reflection;
using Parley.Determinism;
using Parley.Environments;
using Parley.Export;

namespace Parley.Generation;

/// <summary>
/// The library's entry point for a run: loads or designs the environments, generates every dialogue (in parallel,
/// written in index order so output never depends on scheduling), verifies each, and writes the run's files.
/// </summary>
public sealed class Generator(DialogueGenerator dialogues, IEnvironmentDesigner designer, DomainCatalog catalog)
{
    private const int Batch = 512;

    /// <summary>A generator with every role rule-based and the built-in catalog.</summary>
    public static Generator RuleBased { get; } = new(DialogueGenerator.RuleBased, new CatalogEnvironmentDesigner(DomainCatalog.BuiltIn), DomainCatalog.BuiltIn);

    /// <summary>Runs a generation and returns its manifest; <paramref name="progress"/> hears of each finished dialogue.</summary>
    public async Task<Manifest> RunAsync(GenerationOptions options, IProgress<DialogueOutcome>? progress = null, CancellationToken cancellationToken = default)
    {
        var problems = options.Validate();
        if (problems.Count > 0) throw ParleyException.InvalidOption("options", string.Join("; ", problems));

        var start = options.From is { } from
            ? ArtifactLoader.Load(from, catalog)
            : new StartingPoint { Environments = await DesignAsync(options, cancellationToken) };
        var environments = BuildEnvironments(start, options);
        var ids = environments.Keys.ToList();
        using var output = new OutputDirectory(options.Output);
        foreach (var env in environments.Values) output.WriteEnvironment(env.Spec);

        var jobs = Jobs(start, options, environments, ids);
        int kept = 0, rejected = 0, paused = 0;
        var byCheck = new SortedDictionary<string, int>(StringComparer.Ordinal);
        try
        {
            // Generate batch k+1 while batch k is written, in index order, so output never depends on scheduling.
            Task<DialogueOutcome[]>? pending = jobs.Count > 0 ? RunBatchAsync(jobs, 0, options.Parallelism, cancellationToken) : null;
            for (var offset = 0; pending is not null; offset += Batch)
            {
                var outcomes = await pending;
                pending = offset + Batch < jobs.Count ? RunBatchAsync(jobs, offset + Batch, options.Parallelism, cancellationToken) : null;
                foreach (var outcome in outcomes)
                {
                    foreach (var task in outcome.Tasks) output.WriteTask(task);
                    if (outcome.Paused is { } state)
                    {
                        output.WriteState(state);
                        paused++;
                    }
                    else if (outcome.Kept)
                    {
                        output.WriteDialogue(outcome.Dialogue!);
                        kept++;
                    }
                    else
                    {
                        output.WriteRejected(new RejectedDialogue(outcome.Id, outcome.Problems, outcome.Dialogue));
                        rejected++;
                        foreach (var check in outcome.Problems.Select(p => p.Split(':')[0]).Distinct())
                        {
                            byCheck[check] = byCheck.GetValueOrDefault(check) + 1;
                        }
                    }
                    progress?.Report(outcome);
                }
                output.Flush();
            }
        }
        finally
        {
            foreach (var env in environments.Values) env.Dispose();
        }

        var manifest = new Manifest
        {
            ParleyVersion = Version,
            Config = Config(options),
            Seed = options.Seed,
            Engines = dialogues.Engines.ToDictionary(),
            Environments = ids,
            Attempted = jobs.Count,
            Kept = kept,
            Rejected = rejected,
            Paused = paused,
            RejectionsByCheck = byCheck,
        };
        output.WriteManifest(manifest);
        return manifest;
    }

    /// <summary>The library's informational version.</summary>
    public static string Version { get; } =
        typeof(Generator).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    private async Task<IReadOnlyList<EnvironmentSpec>> DesignAsync(GenerationOptions options, CancellationToken cancellationToken)
    {
        var database = options.FromDatabase is { } path ? ExistingDatabase.Load(path, options.MaxRowsPerTable) : null;
        var seedTools = options.SeedTools is { } file ? SeedToolsFile.Load(file) : [];
        IReadOnlyList<DomainIdea> domains;
        if (options.DesignDomains > 0)
        {
            if (designer is not IDomainBrainstormer brainstormer) throw ParleyException.InvalidOption("--design-domains", "brainstorming domains needs an LLM environment designer");
            var seeds = options.Domains.Count > 0 ? options.Domains : catalog.Names;
            domains = await brainstormer.BrainstormAsync(seeds, catalog.Names, options.DesignDomains, StableSeed.Derive(options.EnvironmentSeed, "brainstorm"), cancellationToken);
        }
        else
        {
            // Over an existing database, the domain is named after the file unless named explicitly.
            var names = options.Domains.Count > 0 ? options.Domains
                : database is not null ? [Path.GetFileNameWithoutExtension(database.Source)]
                : catalog.Names;
            domains = [.. names.Distinct().Select(n => new DomainIdea(n, ""))];
        }
        var specs = new List<EnvironmentSpec>();
        foreach (var domain in domains)
        {
            var request = new DesignRequest(domain.Name, StableSeed.Derive(options.EnvironmentSeed, "design:" + domain.Name))
            {
                Description = domain.Description.Length > 0 ? domain.Description : null,
                Database = database,
                SeedTools = seedTools,
            };
            specs.Add(await designer.DesignAsync(request, cancellationToken));
        }
        return specs;
    }

    private static async Task<DialogueOutcome[]> RunBatchAsync(List<Func<CancellationToken, ValueTask<DialogueOutcome>>> jobs, int offset, int parallelism, CancellationToken cancellationToken)
    {
        var count = Math.Min(Batch, jobs.Count - offset);
        var outcomes = new DialogueOutcome[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (i, ct) => outcomes[i] = await jobs[offset + i](ct));
        return outcomes;
    }

    private static Dictionary<string, EnvironmentDatabase> BuildEnvironments(StartingPoint start, GenerationOptions options)
    {
        var built = new Dictionary<string, EnvironmentDatabase>(StringComparer.Ordinal);
        try
        {
            foreach (var spec in start.Environments)
            {
                if (built.ContainsKey(spec.Id)) continue;
                built[spec.Id] = EnvironmentDatabase.Build(spec, options.EnvironmentSeed, options.Scale);
            }
            return built;
        }
        catch
        {
            foreach (var env in built.Values) env.Dispose();
            throw;
        }
    }

    private List<Func<CancellationToken, ValueTask<DialogueOutcome>>> Jobs(StartingPoint start, GenerationOptions options,
        Dictionary<string, EnvironmentDatabase> environments, List<string> ids)
    {
        if (start.States.Count > 0)
        {
            return [.. start.States.Take(options.Count ?? int.MaxValue)
                .Select(s => (Func<CancellationToken, ValueTask<DialogueOutcome>>)(ct => dialogues.ContinueAsync(environments[s.EnvironmentId], s, options, ct)))];
        }
        if (start.TaskGroups.Count > 0)
        {
            return [.. start.TaskGroups.Take(options.Count ?? int.MaxValue).Select((group, i) =>
                (Func<CancellationToken, ValueTask<DialogueOutcome>>)(ct => dialogues.GenerateFromTasksAsync(
                    environments[group[0].EnvironmentId], i, StableSeed.Derive(options.Seed, "dialogue", i), options.Mode, group, options, ct)))];
        }
        if (ids.Count == 0) throw ParleyException.InvalidOption("--domains", "no environment to generate in");
        return [.. Enumerable.Range(0, options.Count ?? 50).Select(i =>
            (Func<CancellationToken, ValueTask<DialogueOutcome>>)(ct => dialogues.GenerateAsync(
                environments[ids[i % ids.Count]], i, StableSeed.DialogueId(options.Seed, i), StableSeed.Derive(options.Seed, "dialogue", i),
                options.Mode, options.TasksPerDialogue, options, ct)))];
    }

    private static Dictionary<string, string> Config(GenerationOptions o) => new Dictionary<string, string>
    {
        ["mode"] = o.Mode == Dialogues.DialogueMode.UserOriented ? "user-oriented" : "task-oriented",
        ["n"] = (o.Count?.ToString(CultureInfo.InvariantCulture)) ?? "all",
        ["domains"] = o.Domains.Count == 0 ? "all" : string.Join(",", o.Domains),
        ["tasks_per_dialogue"] = o.TasksPerDialogue.ToString(),
        ["scale"] = o.Scale.ToString(CultureInfo.InvariantCulture),
        ["environment_seed"] = o.EnvironmentSeed.ToString(CultureInfo.InvariantCulture),
        ["max_turns"] = o.MaxTurns.ToString(CultureInfo.InvariantCulture),
        ["from"] = o.From is null ? "" : Path.GetFileName(Path.TrimEndingDirectorySeparator(o.From)),
        ["pause_after"] = o.PauseAfter?.ToString(CultureInfo.InvariantCulture) ?? "",
    }.Concat(Designing(o)).ToDictionary();

    // Recorded only when used, so runs that do not design keep the configuration they always had.
    private static IEnumerable<KeyValuePair<string, string>> Designing(GenerationOptions o)
    {
        if (o.FromDatabase is { } db) yield return new("from_db", Path.GetFileName(db));
        if (o.SeedTools is { } tools) yield return new("seed_tools", Path.GetFileName(tools));
        if (o.DesignDomains > 0) yield return new("design_domains", o.DesignDomains.ToString(CultureInfo.InvariantCulture));
    }
}
