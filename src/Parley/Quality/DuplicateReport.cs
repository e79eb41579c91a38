using Parley.Runs;
using Parley.Serialization;

namespace Parley.Quality;

/// <summary>The near-duplicate clusters of a set of dialogues; written by <c>parley dedup</c> to <c>duplicates.json</c>.</summary>
public sealed record DuplicateReport
{
    /// <summary>The report's file name in a run folder.</summary>
    public const string FileName = "duplicates.json";

    /// <summary>Artifact format version.</summary>
    public int SchemaVersion { get; init; } = 1;

    /// <summary>The Jaccard threshold used.</summary>
    public required double Threshold { get; init; }

    /// <summary>The signal compared.</summary>
    public required DuplicateSignal By { get; init; }

    /// <summary>Dialogues examined.</summary>
    public required int Dialogues { get; init; }

    /// <summary>Dialogues that deduplication drops: every cluster member but its representative.</summary>
    public required int Duplicates { get; init; }

    /// <summary>The clusters, largest first, then by their representative's position.</summary>
    public required IReadOnlyList<DuplicateCluster> Clusters { get; init; }

    /// <summary>The reason recorded for a dialogue dropped as a near-duplicate of <paramref name="representativeId"/>.</summary>
    public static string DropReason(string representativeId) => $"near_duplicate_of:{representativeId}";

    /// <summary>Each dropped dialogue's id mapped to its cluster's representative.</summary>
    public IReadOnlyDictionary<string, string> DuplicateOf() =>
        Clusters.SelectMany(c => c.Members.Skip(1).Select(m => (m, c.Representative))).ToDictionary(x => x.m, x => x.Representative, StringComparer.Ordinal);

    /// <summary>
    /// Writes the report, indented, to <c>duplicates.json</c> in <paramref name="folder"/>; returns the path. Inside a run
    /// folder it holds the run's lock while writing, as <c>generate</c> does.
    /// </summary>
    /// <exception cref="ParleyException">Another run holds the folder's lock.</exception>
    public string Write(string folder)
    {
        var path = Path.Combine(folder, FileName);
        using var held = RunFolder.LockEnclosing(folder);
        AtomicFile.WriteAllText(path, IndentedJson.Serialize(this, QualityJsonContext.Default.DuplicateReport));
        return path;
    }
}
