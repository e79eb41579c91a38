using Parley.Dialogues;

namespace Parley.Statistics;

/// <summary>Statistics of one group of dialogues (a mode, a domain). Means and medians are over kept dialogues.</summary>
#pragma warning disable CS1591 // self-describing statistic names
public sealed record GroupStatistics
{
    public required string Mode { get; init; }
    public required string Domain { get; init; }
    public required int Dialogues { get; init; }
    public required int Kept { get; init; }
    public required double PassRate { get; init; }
    public required Summary Turns { get; init; }
    public required Summary UserTurns { get; init; }
    public required Summary AssistantTurns { get; init; }
    public required Summary ToolCalls { get; init; }
    public required Summary Tasks { get; init; }
    /// <summary>o200k_base tokens of the rendered conversation (see <see cref="DialogueTokenCounter"/>).</summary>
    public required Summary Tokens { get; init; }
    public required int DistinctTools { get; init; }
    public required double ToolErrorRate { get; init; }
    public required double DistinctUserMessages { get; init; }
    public required double DistinctOpenings { get; init; }

    /// <summary>A dialogue of a group: whether it was kept, and its token count (counted once for every group it is in).</summary>
    internal sealed record Member(Dialogue Dialogue, bool Kept, int Tokens);

    /// <summary>Computes the statistics of a group.</summary>
    internal static GroupStatistics Of(string mode, string domain, IReadOnlyList<Member> dialogues)
    {
        var kept = dialogues.Where(x => x.Kept).Select(x => x.Dialogue).ToList();
        var counts = kept.Select(d => d.Metadata.Counts).ToList();
        var userMessages = kept.SelectMany(d => d.Messages.OfType<UserMessage>()).Select(m => m.Content ?? "").ToList();
        var openings = kept.Select(d => d.Messages.OfType<UserMessage>().FirstOrDefault()?.Content ?? "").ToList();
        var calls = counts.Sum(c => c.ToolCalls);
        return new GroupStatistics
        {
            Mode = mode,
            Domain = domain,
            Dialogues = dialogues.Count,
            Kept = kept.Count,
            PassRate = dialogues.Count == 0 ? 0 : Math.Round((double)kept.Count / dialogues.Count, 4),
            Turns = Summary.Of(counts.Select(c => c.Turns)),
            UserTurns = Summary.Of(counts.Select(c => c.UserMessages)),
            AssistantTurns = Summary.Of(counts.Select(c => c.AssistantMessages)),
            ToolCalls = Summary.Of(counts.Select(c => c.ToolCalls)),
            Tasks = Summary.Of(counts.Select(c => c.Tasks)),
            Tokens = Summary.Of(dialogues.Where(x => x.Kept).Select(x => x.Tokens)),
            DistinctTools = kept.SelectMany(d => d.Messages.OfType<AssistantMessage>()).SelectMany(m => m.ToolCalls ?? []).Select(c => c.Function.Name).Distinct().Count(),
            ToolErrorRate = calls == 0 ? 0 : Math.Round((double)counts.Sum(c => c.ToolErrors) / calls, 4),
            DistinctUserMessages = Share(userMessages),
            DistinctOpenings = Share(openings),
        };
    }

    private static double Share(List<string> texts) => texts.Count == 0 ? 0 : Math.Round((double)texts.Distinct(StringComparer.Ordinal).Count() / texts.Count, 4);
}

/// <summary>Mean, median, minimum and maximum of a count.</summary>
public sealed record Summary(double Mean, double Median, int Min, int Max)
{
    /// <summary>Summarises the values (all zero when there are none).</summary>
    public static Summary Of(IEnumerable<int> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0) return new Summary(0, 0, 0, 0);
        var median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2.0;
        return new Summary(Math.Round(sorted.Average(), 2), median, sorted[0], sorted[^1]);
    }
}
