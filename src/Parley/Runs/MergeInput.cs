using System.Globalization;

namespace Parley.Runs;

/// <summary>
/// A folder given to <c>parley merge</c>: one shard of a run, or shards merged before, with what its ledger and manifest
/// record. Only a finished folder is read: every item of its shards must be written.
/// </summary>
internal sealed record MergeInput(string Folder, ShardRange Range, IReadOnlyDictionary<string, string> Options, string Environments, long Total,
    IReadOnlyList<LedgerEntry> Entries, Manifest Manifest)
{
    /// <summary>Reads the folder's ledger and manifest; refuses an unfinished folder, saying how to finish it.</summary>
    public static MergeInput Read(string folder)
    {
        using var ledger = RunLedger.Open(folder);
        var options = ledger.Options;
        var range = ShardRange.Parse(options.GetValueOrDefault("shard") ?? "", folder);
        var total = long.Parse(ledger.Get(RunLedger.TotalKey) ?? "-1", CultureInfo.InvariantCulture);
        var entries = ledger.Finished();
        if (total < 0 || entries.Count != range.CountOf(total))
        {
            // A range is written only by a merge, which records its items last: an unfinished one is a merge cut short.
            var finish = range.First == range.Last ? $"finish it with 'parley generate --resume {folder}'" : "run the 'parley merge' that wrote it again";
            throw ParleyException.InvalidFile(folder, $"shard {range} is unfinished ({entries.Count} of {Math.Max(0, range.CountOf(total))} items written); {finish}");
        }
        var manifestPath = Path.Combine(folder, OutputDirectory.ManifestFile);
        var manifest = OutputDirectory.ReadManifest(folder);
        return new MergeInput(folder, range, options, ledger.Get(RunLedger.EnvironmentsKey) ?? "", total, entries,
            manifest ?? throw ParleyException.InvalidFile(manifestPath, "missing or empty"));
    }
}
