using System.Globalization;
using System.Text.Json;
using Parley.Export;
using Parley.Serialization;

namespace Parley.Generation;

/// <summary>
/// Joins the outputs of a sharded run (<c>--shard i/N</c>, one folder per shard) into one run folder: every item in
/// global index order (byte ranges copied as the shards' ledgers record them, so the result is byte-identical to one
/// unsharded run of the same seed), environments deduplicated, manifests combined. Refuses shards that are missing,
/// duplicated, unfinished, or were run with different settings.
/// </summary>
public static class RunMerger
{
    private static readonly string[] Files = [OutputDirectory.DialoguesFile, OutputDirectory.RejectedFile, OutputDirectory.TasksFile, OutputDirectory.StatesFile];

    /// <summary>Merges <paramref name="shardFolders"/> into <paramref name="output"/> and returns the combined manifest.</summary>
    public static async Task<Manifest> MergeAsync(IReadOnlyList<string> shardFolders, string output, CancellationToken cancellationToken = default)
    {
        if (shardFolders.Count == 0) throw ParleyException.InvalidOption("merge", "give the shard folders to merge");
        var shards = shardFolders.Select(Shard.Read).OrderBy(s => s.Spec.Index).ToList();
        Check(shards);
        Directory.CreateDirectory(Path.Combine(output, OutputDirectory.EnvironmentsFolder));
        CopyEnvironments(shards, output);
        for (var f = 0; f < Files.Length; f++)
        {
            // states.jsonl exists only in runs that paused dialogues.
            if (shards.Any(s => File.Exists(Path.Combine(s.Folder, Files[f])))) await CopyInOrderAsync(shards, f, output, cancellationToken);
        }
        var manifest = Combine(shards);
        OutputDirectory.WriteManifest(output, manifest);
        return manifest;
    }

    private sealed record Shard(string Folder, ShardSpec Spec, IReadOnlyDictionary<string, string> Options, long Total, IReadOnlyList<LedgerEntry> Entries, Manifest Manifest)
    {
        public static Shard Read(string folder)
        {
            using var ledger = RunLedger.Open(folder);
            var options = ledger.Options;
            var spec = options.GetValueOrDefault("shard") is { Length: > 0 } s ? ShardSpec.Parse(s) : new ShardSpec(0, 1);
            var total = long.Parse(ledger.Get(Generator.TotalKey) ?? "-1", CultureInfo.InvariantCulture);
            var entries = ledger.Finished();
            if (total < 0 || entries.Count != spec.CountOf(total))
            {
                throw ParleyException.InvalidFile(folder, $"shard {spec} is unfinished ({entries.Count} of {Math.Max(0, spec.CountOf(total))} items written); finish it with 'parley generate --resume {folder}'");
            }
            var manifestPath = Path.Combine(folder, OutputDirectory.ManifestFile);
            var manifest = File.Exists(manifestPath) ? JsonSerializer.Deserialize(File.ReadAllText(manifestPath), ParleyJsonContext.Default.Manifest) : null;
            return new Shard(folder, spec, options, total, entries, manifest ?? throw ParleyException.InvalidFile(manifestPath, "missing or empty"));
        }
    }

    private static void Check(List<Shard> shards)
    {
        var count = shards[0].Spec.Count;
        var problems = new List<string>();
        if (shards.Any(s => s.Spec.Count != count)) problems.Add($"the shards disagree on the shard count ({string.Join(", ", shards.Select(s => $"{s.Folder}: {s.Spec}"))})");
        foreach (var twice in shards.GroupBy(s => s.Spec.Index).Where(g => g.Count() > 1)) problems.Add($"shard {twice.Key}/{count} is given twice ({string.Join(", ", twice.Select(s => s.Folder))})");
        var missing = Enumerable.Range(0, count).Except(shards.Select(s => s.Spec.Index)).ToList();
        if (missing.Count > 0) problems.Add($"shard(s) {string.Join(", ", missing.Select(i => $"{i}/{count}"))} missing");
        foreach (var shard in shards.Skip(1))
        {
            var conflicts = shard.Options.Where(kv => kv.Key != "shard" && shards[0].Options.GetValueOrDefault(kv.Key) != kv.Value)
                .Select(kv => $"{kv.Key} is '{kv.Value}' in {shard.Folder} but '{shards[0].Options.GetValueOrDefault(kv.Key)}' in {shards[0].Folder}");
            problems.AddRange(conflicts);
            if (shard.Manifest.ParleyVersion != shards[0].Manifest.ParleyVersion) problems.Add($"{shard.Folder} was written by Parley {shard.Manifest.ParleyVersion}, {shards[0].Folder} by {shards[0].Manifest.ParleyVersion}");
        }
        if (problems.Count > 0) throw ParleyException.InvalidOption("merge", "these shards are not one run: " + string.Join("; ", problems));
    }

    private static void CopyEnvironments(List<Shard> shards, string output)
    {
        var seen = new Dictionary<string, (byte[] Bytes, string From)>(StringComparer.Ordinal);
        foreach (var shard in shards)
        {
            var folder = Path.Combine(shard.Folder, OutputDirectory.EnvironmentsFolder);
            foreach (var file in Directory.Exists(folder) ? Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).ToArray() : [])
            {
                var name = Path.GetFileName(file);
                var bytes = File.ReadAllBytes(file);
                if (seen.TryGetValue(name, out var first))
                {
                    if (!first.Bytes.AsSpan().SequenceEqual(bytes)) throw ParleyException.InvalidOption("merge", $"environment {name} differs between {first.From} and {shard.Folder}");
                    continue;
                }
                seen[name] = (bytes, shard.Folder);
                File.WriteAllBytes(Path.Combine(output, OutputDirectory.EnvironmentsFolder, name), bytes);
            }
        }
    }

    private static async Task CopyInOrderAsync(List<Shard> shards, int file, string output, CancellationToken cancellationToken)
    {
        var inputs = shards.Select(s => File.Exists(Path.Combine(s.Folder, Files[file])) ? File.OpenRead(Path.Combine(s.Folder, Files[file])) : Stream.Null).ToList();
        try
        {
            await using var target = new FileStream(Path.Combine(output, Files[file]), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            var count = shards[0].Spec.Count;
            var ends = new long[count];
            var buffer = new byte[1 << 16];
            for (long p = 0; p < shards[0].Total; p++)
            {
                var k = (int)(p % count);
                var end = Offset(shards[k].Entries[(int)(p / count)].End, file);
                for (var left = end - ends[k]; left > 0;)
                {
                    var read = await inputs[k].ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)), cancellationToken);
                    if (read == 0) throw ParleyException.InvalidFile(Path.Combine(shards[k].Folder, Files[file]), "is shorter than its ledger records");
                    await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                    left -= read;
                }
                ends[k] = end;
            }
        }
        finally
        {
            foreach (var input in inputs) await input.DisposeAsync();
        }
    }

    private static long Offset(FileOffsets end, int file) => file switch
    {
        0 => end.Dialogues,
        1 => end.Rejected,
        2 => end.Tasks,
        _ => end.States,
    };

    private static Manifest Combine(List<Shard> shards)
    {
        var byCheck = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var (check, n) in shards.SelectMany(s => s.Manifest.RejectionsByCheck)) byCheck[check] = byCheck.GetValueOrDefault(check) + n;
        var first = shards[0].Manifest;
        return first with
        {
            Config = first.Config.Where(kv => kv.Key != "shard").ToDictionary(),
            Environments = [.. shards.SelectMany(s => s.Manifest.Environments).Distinct()],
            Attempted = shards.Sum(s => s.Manifest.Attempted),
            Kept = shards.Sum(s => s.Manifest.Kept),
            Rejected = shards.Sum(s => s.Manifest.Rejected),
            Paused = shards.Sum(s => s.Manifest.Paused),
            RejectionsByCheck = byCheck,
            Interrupted = null,
        };
    }
}
