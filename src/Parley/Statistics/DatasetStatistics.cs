using Parley.Dialogues;
using Parley.Export;
using Parley.Serialization;

namespace Parley.Statistics;

/// <summary>Summary statistics of a run folder, per mode and domain (and overall).</summary>
public sealed record DatasetStatistics(IReadOnlyList<GroupStatistics> Groups)
{
    /// <summary>Reads a run folder's kept and rejected dialogues and summarises them.</summary>
    public static DatasetStatistics Load(string runFolder)
    {
        if (!Directory.Exists(runFolder)) throw ParleyException.NotFound(runFolder, "no such run folder");
        var kept = Read(Path.Combine(runFolder, OutputDirectory.DialoguesFile), l => JsonlFile.Read(l, ParleyJsonContext.Default.Dialogue));
        var rejected = Read(Path.Combine(runFolder, OutputDirectory.RejectedFile), l => JsonlFile.Read(l, ParleyJsonContext.Default.RejectedDialogue))
            .Select(r => r.Dialogue).OfType<Dialogue>().ToList();
        if (kept.Count == 0 && rejected.Count == 0 && !File.Exists(Path.Combine(runFolder, OutputDirectory.DialoguesFile)))
        {
            throw ParleyException.InvalidFile(runFolder, $"no {OutputDirectory.DialoguesFile} here; is this a run folder?");
        }
        return Of(kept, rejected);
    }

    /// <summary>Summarises dialogues that passed and failed verification.</summary>
    public static DatasetStatistics Of(IReadOnlyList<Dialogue> kept, IReadOnlyList<Dialogue> rejected)
    {
        var all = kept.Select(d => (d, ok: true)).Concat(rejected.Select(d => (d, ok: false))).ToList();
        var groups = new List<GroupStatistics>();
        foreach (var byMode in all.GroupBy(x => x.d.Metadata.Mode).OrderBy(g => g.Key))
        {
            var mode = byMode.Key == DialogueMode.UserOriented ? "user-oriented" : "task-oriented";
            groups.Add(GroupStatistics.Of(mode, "all", [.. byMode]));
            foreach (var byDomain in byMode.GroupBy(x => x.d.Metadata.Domain).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                groups.Add(GroupStatistics.Of(mode, byDomain.Key, [.. byDomain]));
            }
        }
        return new DatasetStatistics(groups);
    }

    private static IReadOnlyList<T> Read<T>(string path, Func<string, IReadOnlyList<T>> read) => File.Exists(path) ? read(path) : [];
}
