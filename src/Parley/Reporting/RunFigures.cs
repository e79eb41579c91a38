using Parley.Dialogues;
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

    /// <summary>Computes the figures of dialogues that passed and failed verification.</summary>
    public static RunFigures Of(IReadOnlyList<Dialogue> kept, IReadOnlyList<Dialogue> rejected)
    {
        var byMode = kept.OrderBy(d => d.Metadata.Mode).GroupBy(d => d.Metadata.Mode.Name()).ToList();
        IReadOnlyList<int> Values(IEnumerable<Dialogue> dialogues, Func<DialogueCounts, int> count) => [.. dialogues.Select(d => count(d.Metadata.Counts))];
        Distribution Counts(string name, string label, Func<DialogueCounts, int> count) =>
            Distribution.Histogram(name, label, [.. byMode.Select(g => (g.Key, Values(g, count)))]);
        return new RunFigures
        {
            Groups = DatasetStatistics.Of(kept, rejected).Groups,
            Distributions =
            [
                Counts("turns", "Turns per dialogue", c => c.Turns),
                Counts("user_messages", "User messages per dialogue", c => c.UserMessages),
                Counts("tool_calls", "Tool calls per dialogue", c => c.ToolCalls),
                Counts("tasks", "Tasks per dialogue", c => c.Tasks),
                Distribution.Histogram("tokens", "o200k tokens per dialogue",
                    [.. byMode.Select(g => (g.Key, (IReadOnlyList<int>)[.. g.Select(DialogueTokenCounter.O200kBase.Count)]))]),
                Distribution.Categories("domains", "Dialogues per domain", [.. byMode.Select(g => (g.Key, (IReadOnlyList<string>)[.. g.Select(d => d.Metadata.Domain)]))]),
            ],
        };
    }
}
