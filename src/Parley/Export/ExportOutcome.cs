namespace Parley.Export;

/// <summary>What <see cref="RunExport.WriteAsync"/> left out and wrote.</summary>
/// <param name="Excluded">Dialogues left out by each exclusion, by its source, in order.</param>
/// <param name="NearDuplicates">Near-duplicates left out (zero without deduplication).</param>
/// <param name="Files">The files written, each with its samples and the dialogues they come from.</param>
/// <param name="Card">The dataset card of a Parquet export; null for JSONL.</param>
public sealed record ExportOutcome(IReadOnlyList<(string Source, int Dialogues)> Excluded, int NearDuplicates, IReadOnlyList<ExportedFile> Files, string? Card);
