using Parley.Statistics;

namespace Parley.Reporting;

/// <summary>The numbers the dataset card and the HTML report show: statistics per mode and domain, and distributions.</summary>
/// <remarks>
/// The one place where delivery code asks <see cref="DatasetStatistics"/> for numbers, so richer statistics (token counts,
/// coverage) reach the card and the report by changing <see cref="Of"/> alone.
/// </remarks>
internal sealed record RunFigures
{
    /// <summary>Statistics per mode (domain <c>all</c>) and per mode and domain.</summary>
    public required IReadOnlyList<GroupStatistics> Groups { get; init; }

    /// <summary>Distributions over kept dialogues, one series per mode: turns, user messages, tool calls, tasks, tokens, domains.</summary>
    public required IReadOnlyList<Distribution> Distributions { get; init; }

    /// <summary>The modes present, in order (<c>user-oriented</c>, <c>task-oriented</c>).</summary>
    public IReadOnlyList<string> Modes => [.. Groups.Select(g => g.Mode).Distinct()];

    /// <summary>The per-mode groups (domain <c>all</c>).</summary>
    public IReadOnlyList<GroupStatistics> ByMode => [.. Groups.Where(g => g.Domain == "all")];

    /// <summary>The figures of the dialogues added to <paramref name="statistics"/>.</summary>
    public static RunFigures Of(DatasetStatistics.Accumulator statistics)
    {
        var byMode = statistics.Modes.Where(m => m.All.Kept > 0).ToList();
        Distribution Counts(string name, string label, Func<GroupStatistics.Accumulator, IntTally> tally) =>
            Distribution.Histogram(name, label, [.. byMode.Select(m => (m.All.Mode, tally(m.All)))]);
        return new RunFigures
        {
            Groups = statistics.Groups(),
            Distributions =
            [
                Counts("turns", "Turns per dialogue", g => g.Turns),
                Counts("user_messages", "User messages per dialogue", g => g.UserTurns),
                Counts("tool_calls", "Tool calls per dialogue", g => g.ToolCalls),
                Counts("tasks", "Tasks per dialogue", g => g.Tasks),
                Counts("tokens", "o200k tokens per dialogue", g => g.Tokens),
                Distribution.Categories("domains", "Dialogues per domain",
                    [.. byMode.Select(m => (m.All.Mode, (IReadOnlyDictionary<string, int>)m.Domains.ToDictionary(d => d.Key, d => d.Value.Kept, StringComparer.Ordinal)))]),
            ],
        };
    }
}
