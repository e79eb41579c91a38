using System.Globalization;
using Parley.Serialization;

namespace Parley.Runs;

/// <summary>
/// Joins the outputs of a sharded run (<c>--shard i/N</c>, one folder per shard) into one run folder: every item in
/// global index order (byte ranges copied as the shards' ledgers record them, so the result is byte-identical to one
/// unsharded run of the same seed), environments deduplicated, manifests combined, and a ledger recording every item
/// with its byte ranges in the merged files, as the unsharded run's does. Consecutive shards may be merged into a
/// partial folder (shards <c>a-b/N</c>) and merged again later, so big runs can be merged in groups. Refuses shards
/// that are missing, given twice, unfinished, or were run with different settings, and any line of a shard that is not
/// the one its ledger records (read through <see cref="RunReader"/>). The merged manifest counts the items merged.
/// </summary>
public static class RunMerger
{
    private const int LedgerBatch = 4096;
    // One item of the merged run: the input holding it, and its ledger entry in the merged folder.
    private sealed record Item(int Input, LedgerEntry Merged);

    /// <summary>Merges every shard of a run (<paramref name="folders"/>) into <paramref name="output"/> and returns the combined manifest.</summary>
    public static Task<Manifest> MergeAsync(IReadOnlyList<string> folders, string output, CancellationToken cancellationToken = default) =>
        MergeAsync(folders, output, partial: false, cancellationToken);

    /// <summary>
    /// Merges <paramref name="folders"/> — shards of one run, or folders merged from them — into <paramref name="output"/>
    /// and returns the combined manifest. With <paramref name="partial"/>, the folders may cover only consecutive shards
    /// of the run (the result holds shards <c>a-b/N</c>, to be merged with the rest later); otherwise every shard is needed.
    /// </summary>
    public static Task<Manifest> MergeAsync(IReadOnlyList<string> folders, string output, bool partial, CancellationToken cancellationToken = default) =>
        MergeAsync(folders, output, partial, force: false, cancellationToken);

    /// <summary>
    /// As <see cref="MergeAsync(IReadOnlyList{string}, string, bool, CancellationToken)"/>; with <paramref name="force"/>,
    /// an <paramref name="output"/> holding an earlier Parley run is replaced (otherwise it must be new or empty).
    /// </summary>
    public static async Task<Manifest> MergeAsync(IReadOnlyList<string> folders, string output, bool partial, bool force, CancellationToken cancellationToken = default)
    {
        if (folders.Count == 0) throw ParleyException.InvalidOption("merge", "give the shard folders to merge");
        if (string.IsNullOrWhiteSpace(output)) throw ParleyException.InvalidOption("--out", "must name a folder");
        if (folders.FirstOrDefault(f => RunFolder.Contains(f, output) || RunFolder.Contains(output, f)) is { } input)
        {
            throw ParleyException.InvalidOption("--out", $"{input} is one of the folders to merge, or holds or is inside the output; merge into a new folder");
        }
        var inputs = folders.Select(MergeInput.Read).OrderBy(i => i.Range.First).ToList();
        var covered = Check(inputs, partial);
        var items = Interleave(inputs, covered);
        using var claim = RunFolder.Claim(output, resume: false, force);
        Directory.CreateDirectory(Path.Combine(output, OutputDirectory.EnvironmentsFolder));
        CopyEnvironments(inputs, output);
        // The ledger is created before the run files are rewritten (replacing a stale one) and its items are recorded
        // last, so a merge cut short leaves a folder that reads as unfinished, never one whose ledger claims bytes its
        // files do not hold.
        var options = inputs[0].Options.ToDictionary();
        options["shard"] = covered.Stored;
        using var ledger = RunLedger.Create(output, options);
        ledger.Set(RunLedger.VersionKey, inputs[0].Manifest.ParleyVersion);
        ledger.Set(RunLedger.EnvironmentsKey, inputs[0].Environments);
        ledger.Set(RunLedger.TotalKey, inputs[0].Total.ToString(CultureInfo.InvariantCulture));
        await CopyInOrderAsync(inputs, items, output, cancellationToken);
        foreach (var batch in items.Select(i => i.Merged).Chunk(LedgerBatch)) ledger.Record([], batch);
        var manifest = Combine(inputs, covered, items);
        OutputDirectory.WriteManifest(output, manifest);
        return manifest;
    }

    // Returns the shards the inputs cover together: consecutive, each once, every one of the run's unless partial.
    private static ShardRange Check(List<MergeInput> inputs, bool partial)
    {
        var count = inputs[0].Range.Count;
        if (inputs.Any(i => i.Range.Count != count))
        {
            throw NotOneRun([$"the shards disagree on the shard count ({string.Join(", ", inputs.Select(i => $"{i.Folder}: {i.Range}"))})"]);
        }
        var (low, high) = (inputs[0].Range.First, inputs.Max(i => i.Range.Last));
        var problems = CoverageProblems(inputs, count, low, high, partial).Concat(SettingProblems(inputs)).ToList();
        if (problems.Count > 0) throw NotOneRun(problems);
        return new ShardRange(low, high, count);
    }

    private static IEnumerable<string> CoverageProblems(List<MergeInput> inputs, int count, int low, int high, bool partial)
    {
        var owner = new int?[count];
        var twice = new List<(int Shard, int First, int Second)>();
        for (var k = 0; k < inputs.Count; k++)
        {
            for (var shard = inputs[k].Range.First; shard <= inputs[k].Range.Last; shard++)
            {
                if (owner[shard] is { } first) twice.Add((shard, first, k));
                else owner[shard] = k;
            }
        }
        foreach (var pair in twice.GroupBy(t => (t.First, t.Second)))
        {
            foreach (var range in ShardRange.Runs(pair.Select(t => t.Shard), count))
            {
                var (noun, verb) = range.First == range.Last ? ("shard", "is") : ("shards", "are");
                yield return $"{noun} {range} {verb} given twice ({inputs[pair.Key.First].Folder}, {inputs[pair.Key.Second].Folder})";
            }
        }
        var missing = Enumerable.Range(0, count).Where(shard => owner[shard] is null).ToList();
        var gaps = missing.Where(shard => shard > low && shard < high).ToList();
        if (gaps.Count > 0) yield return $"shard(s) {string.Join(", ", ShardRange.Runs(gaps, count))} missing{(partial ? "; a partial merge takes consecutive shards" : "")}";
        var outside = missing.Except(gaps).ToList();
        if (!partial && outside.Count > 0)
        {
            yield return $"shard(s) {string.Join(", ", ShardRange.Runs(outside, count))} missing (to merge only some of the shards and the rest later, merge with --partial)";
        }
    }

    private static IEnumerable<string> SettingProblems(List<MergeInput> inputs)
    {
        var reference = inputs[0];
        foreach (var other in inputs.Skip(1))
        {
            foreach (var key in reference.Options.Keys.Union(other.Options.Keys).Where(k => k != "shard").Order(StringComparer.Ordinal))
            {
                var (was, now) = (reference.Options.GetValueOrDefault(key), other.Options.GetValueOrDefault(key));
                if (was != now) yield return $"{key} is '{now}' in {other.Folder} but '{was}' in {reference.Folder}";
            }
            if (other.Manifest.ParleyVersion != reference.Manifest.ParleyVersion) yield return $"{other.Folder} was written by Parley {other.Manifest.ParleyVersion}, {reference.Folder} by {reference.Manifest.ParleyVersion}";
            if (other.Total != reference.Total || other.Environments != reference.Environments)
            {
                yield return $"{other.Folder} has {other.Total} items over environments '{other.Environments}', {reference.Folder} {reference.Total} over '{reference.Environments}'";
            }
        }
    }

    private static ParleyException NotOneRun(IEnumerable<string> problems) =>
        ParleyException.InvalidOption("merge", "these shards are not one run: " + string.Join("; ", problems));

    // Every item the covered shards hold, in global index order, with its byte ranges in its input and in the merged files.
    private static List<Item> Interleave(List<MergeInput> inputs, ShardRange covered)
    {
        var owner = new int[covered.Count];
        for (var k = 0; k < inputs.Count; k++)
        {
            for (var shard = inputs[k].Range.First; shard <= inputs[k].Range.Last; shard++) owner[shard] = k;
        }
        var next = new int[inputs.Count];
        var ends = inputs.Select(_ => FileOffsets.Zero).ToArray();
        var end = FileOffsets.Zero;
        var items = new List<Item>((int)covered.CountOf(inputs[0].Total));
        for (long p = 0; p < inputs[0].Total; p++)
        {
            var shard = (int)(p % covered.Count);
            if (!covered.Contains(shard)) continue;
            var k = owner[shard];
            var source = inputs[k].Entries[next[k]++];
            if (source.Position != p)
            {
                throw ParleyException.InvalidFile(RunLedger.PathOf(inputs[k].Folder), $"item {source.Position} is recorded where item {p} belongs; the ledger is damaged");
            }
            var from = ends[k];
            end = new FileOffsets(end.Dialogues + source.End.Dialogues - from.Dialogues, end.Rejected + source.End.Rejected - from.Rejected,
                end.Tasks + source.End.Tasks - from.Tasks, end.States + source.End.States - from.States);
            items.Add(new Item(k, source with { End = end }));
            ends[k] = source.End;
        }
        return items;
    }

    private static void CopyEnvironments(List<MergeInput> inputs, string output)
    {
        var seen = new Dictionary<string, (byte[] Bytes, string From)>(StringComparer.Ordinal);
        foreach (var input in inputs)
        {
            var folder = Path.Combine(input.Folder, OutputDirectory.EnvironmentsFolder);
            foreach (var file in Directory.Exists(folder) ? Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).ToArray() : [])
            {
                var name = Path.GetFileName(file);
                var bytes = File.ReadAllBytes(file);
                if (seen.TryGetValue(name, out var first))
                {
                    if (!first.Bytes.AsSpan().SequenceEqual(bytes)) throw ParleyException.InvalidOption("merge", $"environment {name} differs between {first.From} and {input.Folder}");
                    continue;
                }
                seen[name] = (bytes, input.Folder);
                AtomicFile.WriteAllBytes(Path.Combine(output, OutputDirectory.EnvironmentsFolder, name), bytes);
            }
        }
    }

    // Copies every item's lines from its input, read through RunReader (so a line its shard's ledger does not record is
    // refused), into the merged files in one pass; states.jsonl is written only when some input paused dialogues.
    private static async Task CopyInOrderAsync(List<MergeInput> inputs, List<Item> items, string output, CancellationToken cancellationToken)
    {
        var sources = inputs.Select(i => RunReader.Read(i.Folder, cancellationToken).GetEnumerator()).ToList();
        var targets = RunReader.Files.Select(file => inputs.Any(i => File.Exists(Path.Combine(i.Folder, file)))
            ? new FileStream(Path.Combine(output, file), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16)
            : null).ToArray();
        try
        {
            foreach (var file in RunReader.Files.Where((_, f) => targets[f] is null)) File.Delete(Path.Combine(output, file));
            foreach (var item in items)
            {
                var source = sources[item.Input];
                if (!source.MoveNext()) throw ParleyException.InvalidFile(RunLedger.PathOf(inputs[item.Input].Folder), "records fewer items than it did a moment ago; was the shard changed during the merge?");
                var read = source.Current;
                byte[][] parts = [read.Dialogues, read.Rejected, read.Tasks, read.States];
                for (var f = 0; f < parts.Length; f++)
                {
                    if (parts[f].Length > 0) await targets[f]!.WriteAsync(parts[f], cancellationToken);
                }
            }
            // Each input must end where its ledger does: drain the readers so they check.
            foreach (var source in sources)
            {
                while (source.MoveNext())
                {
                }
            }
            // Durable before the ledger records the items, as in a run.
            foreach (var target in targets.OfType<FileStream>())
            {
                await target.FlushAsync(cancellationToken);
                target.Flush(flushToDisk: true);
            }
        }
        finally
        {
            foreach (var source in sources) source.Dispose();
            foreach (var target in targets.OfType<FileStream>()) await target.DisposeAsync();
        }
    }

    // The counts are those of the items merged (whose lines were just read and checked), not the inputs' manifests summed.
    private static Manifest Combine(List<MergeInput> inputs, ShardRange covered, List<Item> items)
    {
        var tally = new RunTally();
        foreach (var item in items) tally.Add(item.Merged.State, item.Merged.FailedChecks);
        var first = inputs[0].Manifest;
        // A whole run's manifest names no shard, as an unsharded run's does; a partial one names the shards it holds.
        KeyValuePair<string, string>[] shard = covered.IsWhole ? [] : [new("shard", covered.ToString())];
        return first with
        {
            Config = first.Config.Where(kv => kv.Key != "shard").Concat(shard).ToDictionary(),
            Environments = [.. inputs.SelectMany(i => i.Manifest.Environments).Distinct()],
            Attempted = (int)tally.Done,
            Kept = (int)tally.Kept,
            Rejected = (int)tally.Rejected,
            Paused = (int)tally.Paused,
            RejectionsByCheck = tally.ByCheck,
            Interrupted = null,
            Usage = Sum(inputs.Select(i => i.Manifest.Usage)),
        };
    }

    // Each shard's manifest counts its own items and its own design of the environments, so the sum is what the run spent.
    private static SortedDictionary<string, Dialogues.TokenUsage>? Sum(IEnumerable<IReadOnlyDictionary<string, Dialogues.TokenUsage>?> usages)
    {
        var sum = new SortedDictionary<string, Dialogues.TokenUsage>(StringComparer.Ordinal);
        foreach (var usage in usages) RoleUsageText.AddTo(sum, usage);
        return sum.Count > 0 ? sum : null;
    }
}
