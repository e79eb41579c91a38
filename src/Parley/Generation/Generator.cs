using System.Globalization;
using Parley.Design;
using Parley.Determinism;
using Parley.Dialogues;
using Parley.Environments;
using Parley.Llm;
using Parley.Runs;

namespace Parley.Generation;

/// <summary>
/// The library's entry point for a run: loads or designs the environments, then streams every item through bounded
/// stages (tasks → dialogue → verification → write) with <see cref="GenerationOptions.Concurrency"/> in flight, writing
/// in index order so output never depends on scheduling. Every item is recorded in the run's ledger as it is written,
/// so an interrupted run (Ctrl-C, a crash, kill -9) continues where it stopped with <see cref="GenerationOptions.Resume"/>.
/// </summary>
public sealed class Generator(DialogueGenerator dialogues, IEnvironmentDesigner designer, DomainCatalog catalog)
{
    /// <summary>A generator with every role rule-based and the built-in catalog.</summary>
    public static Generator RuleBased { get; } = new(DialogueGenerator.RuleBased, new CatalogEnvironmentDesigner(DomainCatalog.BuiltIn), DomainCatalog.BuiltIn);

    /// <summary>Where progress snapshots read tokens and cost so far; null sums the usage recorded in written dialogues.</summary>
    public IUsageSource? Usage { get; init; }

    /// <summary>The clock for progress figures (never for generated content).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// Runs a generation (or, with <see cref="GenerationOptions.Resume"/>, continues one) and returns its manifest;
    /// <paramref name="progress"/> gets a snapshot after each dialogue written. When <paramref name="cancellationToken"/>
    /// fires, no new dialogue starts, those in flight get a few seconds to finish and be written, the files and ledger
    /// are left consistent (the manifest marked interrupted), and <see cref="OperationCanceledException"/> is thrown.
    /// </summary>
    public Task<Manifest> RunAsync(GenerationOptions options, IProgress<GenerationProgress>? progress = null, CancellationToken cancellationToken = default) =>
        RunAsync(options, null, progress, cancellationToken);

    /// <summary>
    /// Runs (or resumes) a generation over <paramref name="start"/>, a starting point already loaded by the caller (e.g.
    /// an evaluation's trials, each a task group repeated with its own dialogue id), instead of <see cref="GenerationOptions.From"/>.
    /// </summary>
    public async Task<Manifest> RunAsync(GenerationOptions options, StartingPoint? start, IProgress<GenerationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var problems = options.Validate();
        if (problems.Count > 0) throw ParleyException.InvalidOptions(problems);

        // Locked before anything is read or designed, and held until the manifest is written.
        using var claim = RunFolder.Claim(options.Output, options.Resume, options.Force);
        using var ledger = options.Resume ? OpenToResume(options) : null;
        var written = ledger?.Get(RunLedger.EnvironmentsKey)?.Split(',', StringSplitOptions.RemoveEmptyEntries);
        start ??= options.From is { } from
            ? ArtifactLoader.Load(from, catalog)
            : written is not null ? new StartingPoint { Environments = ReadWritten(options.Output, written) } : null;
        var rejectedDomains = ReadRejectedDomains(ledger?.Get(RunLedger.RejectedDomainsKey));
        var designUsage = RoleUsageText.Parse(ledger?.Get(RunLedger.DesignUsageKey) ?? "");
        if (start is null)
        {
            var before = Usage?.ByRole ?? new Dictionary<string, TokenUsage>();
            var (designed, rejected) = await DesignAsync(options, cancellationToken);
            (start, rejectedDomains) = (new StartingPoint { Environments = designed }, rejected);
            designUsage = Spent(before, Usage?.ByRole);
        }
        var environments = BuildEnvironments(start, options);
        var ids = environments.Keys.ToList();
        try
        {
            var (total, jobAt) = Plan(start, options, environments, ids);
            var shard = options.Shard ?? new ShardSpec(0, 1);
            var tally = new RunTally();
            OutputDirectory output;
            RunLedger own;
            if (ledger is null)
            {
                output = new OutputDirectory(options.Output);
                own = RunLedger.Create(options.Output, options.ToStored());
            }
            else
            {
                var finished = Recover(options.Output, ledger, shard);
                foreach (var entry in finished) tally.Add(entry.State, entry.FailedChecks, RoleUsageText.Parse(entry.Usage));
                output = OutputDirectory.Reopen(options.Output, finished.Count > 0 ? finished[^1].End : FileOffsets.Zero);
                own = ledger;
            }
            using (output)
            {
                if (written is null)
                {
                    foreach (var env in environments.Values) output.WriteEnvironment(env.Spec);
                    own.Set(RunLedger.EnvironmentsKey, string.Join(",", ids));
                    own.Set(RunLedger.TotalKey, total.ToString(CultureInfo.InvariantCulture));
                    own.Set(RunLedger.RejectedDomainsKey, string.Join('\n', rejectedDomains.Select(r => $"{r.Key}\t{r.Value.ReplaceLineEndings(" ")}")));
                    own.Set(RunLedger.DesignUsageKey, RoleUsageText.Format(designUsage));
                }
                var first = shard.Index + tally.Done * shard.Count;
                var pipeline = new GenerationPipeline(dialogues, options, output, own, Time, Usage, progress);
                var interrupted = false;
                try
                {
                    await pipeline.RunAsync(Positions(first, shard.Count, total).Select(jobAt), first, shard.Count, shard.CountOf(total), tally, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    interrupted = true;
                    throw;
                }
                catch (ParleyException e) when (e.Code == "endpoint_unavailable")
                {
                    // What finished is written and committed; the rest is generated again on --resume once the endpoint works.
                    interrupted = true;
                    throw e.WithResumeHint(options.Output);
                }
                finally
                {
                    if (!ReferenceEquals(own, ledger)) own.Dispose();
                    if (interrupted) output.WriteManifest(Manifest(options, ids, tally, rejectedDomains, designUsage) with { Interrupted = true });
                }
                var manifest = Manifest(options, ids, tally, rejectedDomains, designUsage);
                output.WriteManifest(manifest);
                return manifest;
            }
        }
        finally
        {
            foreach (var env in environments.Values) env.Dispose();
        }
    }


    private async Task<(IReadOnlyList<EnvironmentSpec> Specs, IReadOnlyDictionary<string, string> Rejected)> DesignAsync(GenerationOptions options, CancellationToken cancellationToken)
    {
        if (options.FromMcp is { } server) return ([await Mcp.McpEnvironmentDesigner.DesignAsync(server, options.EnvironmentSeed, cancellationToken)], new Dictionary<string, string>());
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
        var rejected = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var domain in domains)
        {
            var request = new DesignRequest(domain.Name, StableSeed.Derive(options.EnvironmentSeed, "design:" + domain.Name))
            {
                Description = domain.Description.Length > 0 ? domain.Description : null,
                Database = database,
                SeedTools = seedTools,
            };
            try
            {
                var spec = await designer.DesignAsync(request, cancellationToken);
                // Saved as soon as it passes: a failure later in the run never costs a design already paid for.
                OutputDirectory.WriteEnvironment(options.Output, spec);
                specs.Add(spec);
            }
            catch (Exception e) when (domains.Count > 1 && IsDomainFailure(e))
            {
                // One domain the model could not design is that domain's loss, not the run's: the others go on, and
                // the manifest and the summary name it.
                rejected[domain.Name] = e is LlmException llm ? llm.Reason : e.Message;
            }
        }
        if (specs.Count == 0) throw ParleyException.InvalidEnvironment("no domain could be designed: " + string.Join("; ", rejected.Select(r => $"{r.Key}: {r.Value}")));
        return (specs, rejected);
    }

    // A design the model got wrong, or a model call that failed for this design only; an endpoint that is down is not.
    private static bool IsDomainFailure(Exception e) =>
        e is ParleyException { Code: "invalid_environment" } || e is LlmException { Kind: var kind } && !kind.IsFatal();

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

    private (long Total, Func<long, PipelineJob> JobAt) Plan(StartingPoint start, GenerationOptions options,
        Dictionary<string, EnvironmentDatabase> environments, List<string> ids)
    {
        if (start.States.Count > 0)
        {
            return (Math.Min(options.Count ?? int.MaxValue, start.States.Count), p =>
            {
                var state = start.States[(int)p];
                return new PipelineJob(p, state.DialogueId, environments[state.EnvironmentId], _ => ValueTask.FromResult(new DialogueStart(state, null)));
            });
        }
        if (start.TaskGroups.Count > 0)
        {
            return (Math.Min(options.Count ?? int.MaxValue, start.TaskGroups.Count), p =>
            {
                var group = start.TaskGroups[(int)p];
                var env = environments[group[0].EnvironmentId];
                return new PipelineJob(p, group[0].DialogueId, env, _ => ValueTask.FromResult(new DialogueStart(
                    DialogueGenerator.Start(env, p, StableSeed.Derive(options.Seed, "dialogue", p), options.Mode, group), null)));
            });
        }
        if (ids.Count == 0) throw ParleyException.InvalidOption("--domains", "no environment to generate in");
        if (options.Augment is { } chatsFile) return Augmenting(options, environments, ids, chatsFile);
        return (options.Count ?? 50, p =>
        {
            var env = environments[ids[(int)(p % ids.Count)]];
            var id = StableSeed.DialogueId(options.Seed, p, taskOriented: options.Mode == DialogueMode.TaskOriented);
            return new PipelineJob(p, id, env, ct => dialogues.PlanAsync(env, p, id, StableSeed.Derive(options.Seed, "dialogue", p),
                options.Mode, options.TasksPerDialogue, ct));
        });
    }

    /// <summary>One dialogue per chat: the environment the chat's words match, tasks planned in it, the chat's turns first.</summary>
    private (long Total, Func<long, PipelineJob> JobAt) Augmenting(GenerationOptions options, Dictionary<string, EnvironmentDatabase> environments, List<string> ids, string chatsFile)
    {
        var chats = ChatFile.Load(chatsFile);
        var matcher = new EnvironmentMatcher(ids.Select(id => environments[id].Spec));
        var source = Path.GetFileName(chatsFile);
        return (Math.Min(options.Count ?? chats.Count, chats.Count), p =>
        {
            var chat = chats[(int)p];
            var (spec, matched) = matcher.Choose(chat, p);
            var env = environments[spec.Id];
            var id = StableSeed.DialogueId(options.Seed, p);
            return new PipelineJob(p, id, env, async ct => ChatAugmenter.Inject(
                await dialogues.PlanAsync(env, p, id, StableSeed.Derive(options.Seed, "dialogue", p), options.Mode, options.TasksPerDialogue, ct), chat, source, matched));
        });
    }

    private static IEnumerable<long> Positions(long first, long step, long total)
    {
        for (var p = first; p < total; p += step) yield return p;
    }

    private static RunLedger OpenToResume(GenerationOptions options)
    {
        var ledger = RunLedger.Open(options.Output);
        try
        {
            var stored = ledger.Options;
            // A range of shards (a partial merge) has nothing left to generate: say so rather than a shard conflict.
            _ = ShardRange.Parse(stored.GetValueOrDefault("shard") ?? "", options.Output).ToResumable(options.Output);
            var conflicts = options.ConflictsWith(stored);
            if (conflicts.Count > 0)
            {
                throw ParleyException.InvalidOption("--resume", "these options differ from the run being resumed (leave them out to use the run's own): " + string.Join("; ", conflicts));
            }
            if (options.FromChangedSince(stored) is { } changed) throw ParleyException.InvalidOption("--from", changed);
            return ledger;
        }
        catch
        {
            ledger.Dispose();
            throw;
        }
    }

    // The finished items the files really hold: normally all the ledger records, but if a power cut lost file pages the
    // ledger had committed, the items past the shortest file are forgotten and generated again.
    private static IReadOnlyList<LedgerEntry> Recover(string folder, RunLedger ledger, ShardSpec shard)
    {
        var finished = ledger.Finished().ToList();
        for (var i = 0; i < finished.Count; i++)
        {
            if (finished[i].Position != shard.Index + i * (long)shard.Count)
            {
                throw ParleyException.InvalidFile(RunLedger.PathOf(folder), $"item {finished[i].Position} is recorded finished but item {shard.Index + i * (long)shard.Count} is not; the ledger is damaged");
            }
        }
        var lengths = new FileOffsets(Length(OutputDirectory.DialoguesFile), Length(OutputDirectory.RejectedFile), Length(OutputDirectory.TasksFile), Length(OutputDirectory.StatesFile));
        while (finished.Count > 0 && !Fits(finished[^1].End, lengths)) finished.RemoveAt(finished.Count - 1);
        ledger.Rewind(finished);
        return finished;

        long Length(string file) => File.Exists(Path.Combine(folder, file)) ? new FileInfo(Path.Combine(folder, file)).Length : 0;
    }

    private static bool Fits(FileOffsets end, FileOffsets lengths) =>
        end.Dialogues <= lengths.Dialogues && end.Rejected <= lengths.Rejected && end.Tasks <= lengths.Tasks && end.States <= lengths.States;

    private static List<EnvironmentSpec> ReadWritten(string folder, IEnumerable<string> ids) =>
        [.. ids.Select(id => EnvironmentValidator.IsSafeName(id)
            ? ArtifactLoader.ReadEnvironment(Path.Combine(folder, OutputDirectory.EnvironmentsFolder, id + ".json"))
            : throw ParleyException.InvalidFile(folder, $"environment id '{id}' is not a valid id"))];

    private static IReadOnlyDictionary<string, string> ReadRejectedDomains(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);

    // The environment designer's usage is the meter's growth while designing: design happens before any dialogue.
    private static SortedDictionary<string, TokenUsage> Spent(IReadOnlyDictionary<string, TokenUsage> before, IReadOnlyDictionary<string, TokenUsage>? after)
    {
        var spent = new SortedDictionary<string, TokenUsage>(StringComparer.Ordinal);
        foreach (var (role, now) in after ?? new Dictionary<string, TokenUsage>())
        {
            var was = before.GetValueOrDefault(role, TokenUsage.None);
            if (now.Requests > was.Requests) spent[role] = now - was;
        }
        return spent;
    }

    private Manifest Manifest(GenerationOptions options, List<string> ids, RunTally tally, IReadOnlyDictionary<string, string> rejectedDomains,
        IReadOnlyDictionary<string, TokenUsage> designUsage) => new()
    {
        ParleyVersion = ParleyInfo.Version,
        Config = Config(options),
        Seed = options.Seed,
        Engines = dialogues.Engines.ToDictionary(),
        Environments = ids,
        Attempted = (int)tally.Done,
        Kept = (int)tally.Kept,
        Rejected = (int)tally.Rejected,
        Paused = (int)tally.Paused,
        RejectionsByCheck = tally.ByCheck,
        Models = options.Llm is { IsRuleBased: false } llm ? llm.Config.Describe() : null,
        Usage = UsageOf(tally, designUsage),
        RejectedDomains = rejectedDomains.Count > 0 ? rejectedDomains : null,
    };

    private static SortedDictionary<string, TokenUsage>? UsageOf(RunTally tally, IReadOnlyDictionary<string, TokenUsage> designUsage)
    {
        var usage = new SortedDictionary<string, TokenUsage>(tally.UsageByRole, StringComparer.Ordinal);
        RoleUsageText.AddTo(usage, designUsage);
        return usage.Count > 0 ? usage : null;
    }

    private static Dictionary<string, string> Config(GenerationOptions o) => new Dictionary<string, string>
    {
        ["mode"] = o.Mode.Name(),
        ["n"] = (o.Count?.ToString(CultureInfo.InvariantCulture)) ?? "all",
        ["domains"] = o.Domains.Count == 0 ? "all" : string.Join(",", o.Domains),
        ["tasks_per_dialogue"] = o.TasksPerDialogue.ToString(),
        ["scale"] = o.Scale.ToString(CultureInfo.InvariantCulture),
        ["environment_seed"] = o.EnvironmentSeed.ToString(CultureInfo.InvariantCulture),
        ["max_turns"] = o.MaxTurns.ToString(CultureInfo.InvariantCulture),
        ["from"] = o.From is null ? "" : Path.GetFileName(Path.TrimEndingDirectorySeparator(o.From)),
        ["pause_after"] = o.PauseAfter?.ToString(CultureInfo.InvariantCulture) ?? "",
    }.Concat(Designing(o)).Concat(o.Shard is { } shard ? [new KeyValuePair<string, string>("shard", shard.ToString())] : Array.Empty<KeyValuePair<string, string>>()).ToDictionary();

    // Recorded only when used, so runs that do not design keep the configuration they always had.
    private static IEnumerable<KeyValuePair<string, string>> Designing(GenerationOptions o)
    {
        if (o.FromDatabase is { } db) yield return new("from_db", Path.GetFileName(db));
        if (o.SeedTools is { } tools) yield return new("seed_tools", Path.GetFileName(tools));
        if (o.FromMcp is { } mcp) yield return new("from_mcp", mcp);
        if (o.DesignDomains > 0) yield return new("design_domains", o.DesignDomains.ToString(CultureInfo.InvariantCulture));
        if (o.Augment is { } chats) yield return new("augment", Path.GetFileName(chats));
        if (!o.ParallelToolCalls) yield return new("parallel_tool_calls", "false");
    }
}
