using Parley.Dialogues;
using Parley.Export;
using Parley.Runs;
using Parley.Serialization;

namespace Parley.Statistics;

/// <summary>
/// The numbers of a dataset card: per mode and domain summaries, distributions of per-dialogue counts, tool coverage,
/// tool errors and recoveries, and termination reasons.
/// </summary>
/// <param name="Groups">Per mode (domain <c>all</c>) and per mode and domain, counting kept and rejected dialogues.</param>
/// <param name="Distributions">Histograms over the kept dialogues, by name: <c>turns</c>, <c>user_turns</c>,
/// <c>assistant_turns</c>, <c>tool_calls</c>, <c>tasks</c>, <c>tokens</c> (o200k_base, see <see cref="DialogueTokenCounter"/>).</param>
/// <param name="Coverage">Per domain, the tools declared and called in the kept dialogues.</param>
/// <param name="Errors">Tool errors and recoveries in the kept dialogues.</param>
/// <param name="Terminations">Every dialogue (kept and rejected) per termination reason, in the reasons' declared order, only reasons that occur.</param>
/// <param name="Habits">Habits the kept dialogues would teach (see <see cref="HabitStatistics"/>).</param>
public sealed record DatasetStatistics(
    IReadOnlyList<GroupStatistics> Groups,
    IReadOnlyDictionary<string, Histogram> Distributions,
    IReadOnlyList<ToolCoverage> Coverage,
    ToolErrorStatistics Errors,
    IReadOnlyDictionary<string, int> Terminations,
    HabitStatistics Habits)
{
    /// <summary>The distribution names, in the order <see cref="Distributions"/> lists them.</summary>
    public static IReadOnlyList<string> DistributionNames { get; } = ["turns", "user_turns", "assistant_turns", "tool_calls", "tasks", "tokens"];

    /// <summary>Reads a run folder's kept and rejected dialogues and summarises them.</summary>
    public static DatasetStatistics Load(string runFolder)
    {
        if (!Directory.Exists(runFolder)) throw ParleyException.NotFound(runFolder, "no such run folder");
        var kept = Read(Path.Combine(runFolder, OutputDirectory.DialoguesFile), l => JsonlFile.Read(l, DialogueJsonContext.Default.Dialogue));
        var rejected = Read(Path.Combine(runFolder, OutputDirectory.RejectedFile), l => JsonlFile.Read(l, RunJsonContext.Default.RejectedDialogue))
            .Select(r => r.Dialogue).OfType<Dialogue>().ToList();
        if (kept.Count == 0 && rejected.Count == 0 && !File.Exists(Path.Combine(runFolder, OutputDirectory.DialoguesFile)))
        {
            throw ParleyException.InvalidFile(runFolder, $"no {OutputDirectory.DialoguesFile} here; is this a run folder?");
        }
        return Of(kept, rejected);
    }

    /// <summary>Summarises dialogues that passed and failed verification. For one mode's numbers alone, pass only that mode's dialogues.</summary>
    public static DatasetStatistics Of(IReadOnlyList<Dialogue> kept, IReadOnlyList<Dialogue> rejected)
    {
        var counter = DialogueTokenCounter.O200kBase;
        var tokens = new int[kept.Count];
        Parallel.For(0, kept.Count, i => tokens[i] = counter.Count(kept[i]));
        var all = kept.Select((d, i) => new GroupStatistics.Member(d, true, tokens[i])).Concat(rejected.Select(d => new GroupStatistics.Member(d, false, 0))).ToList();
        var groups = new List<GroupStatistics>();
        foreach (var byMode in all.GroupBy(x => x.Dialogue.Metadata.Mode).OrderBy(g => g.Key))
        {
            var mode = byMode.Key.Name();
            groups.Add(GroupStatistics.Of(mode, "all", [.. byMode]));
            foreach (var byDomain in byMode.GroupBy(x => x.Dialogue.Metadata.Domain).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                groups.Add(GroupStatistics.Of(mode, byDomain.Key, [.. byDomain]));
            }
        }
        var counts = kept.Select(d => d.Metadata.Counts).ToList();
        var distributions = new Dictionary<string, Histogram>(StringComparer.Ordinal)
        {
            ["turns"] = Histogram.Of(counts.Select(c => c.Turns)),
            ["user_turns"] = Histogram.Of(counts.Select(c => c.UserMessages)),
            ["assistant_turns"] = Histogram.Of(counts.Select(c => c.AssistantMessages)),
            ["tool_calls"] = Histogram.Of(counts.Select(c => c.ToolCalls)),
            ["tasks"] = Histogram.Of(counts.Select(c => c.Tasks)),
            ["tokens"] = Histogram.Of(tokens),
        };
        var terminations = all.GroupBy(x => x.Dialogue.Metadata.Termination).OrderBy(g => g.Key)
            .ToDictionary(g => Name(g.Key), g => g.Count(), StringComparer.Ordinal);
        return new DatasetStatistics(groups, distributions, ToolCoverage.Of(kept), ToolErrorStatistics.Of(kept), terminations, HabitStatistics.Of(kept));
    }

    private static string Name(TerminationReason reason) =>
        System.Text.Json.JsonSerializer.Serialize(reason, DialogueJsonContext.Default.TerminationReason).Trim('"');

    private static IReadOnlyList<T> Read<T>(string path, Func<string, IReadOnlyList<T>> read) => File.Exists(path) ? read(path) : [];
}
