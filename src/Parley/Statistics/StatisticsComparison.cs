namespace Parley.Statistics;

/// <summary>
/// Side-by-side means of several runs or modes (e.g. user-oriented vs task-oriented), one column per mode of each run
/// (its <c>all</c> group), with the ratio of the first column to the second when there are exactly two.
/// </summary>
/// <param name="Columns">Column labels: the mode, or <c>run: mode</c> when two columns would share a mode.</param>
/// <param name="Rows">One row per metric, in <see cref="Metrics"/> order.</param>
public sealed record StatisticsComparison(IReadOnlyList<string> Columns, IReadOnlyList<ComparisonRow> Rows)
{
    /// <summary>The metrics compared: kept dialogues, then per kept dialogue the mean turns, user messages, assistant
    /// messages, tool calls, tasks and tokens, then the share of distinct user messages and the tool-error rate.</summary>
    public static IReadOnlyList<string> Metrics { get; } =
        ["kept", "turns", "user_messages", "assistant_messages", "tool_calls", "tasks", "tokens", "distinct_user_messages", "tool_error_rate"];

    /// <summary>Compares the runs, each labelled (e.g. by its folder name).</summary>
    public static StatisticsComparison Of(IReadOnlyList<(string Run, DatasetStatistics Statistics)> runs)
    {
        var columns = runs.SelectMany(r => r.Statistics.Groups.Where(g => g.Domain == "all").Select(g => (r.Run, Group: g))).ToList();
        var modesDistinct = columns.Select(c => c.Group.Mode).Distinct(StringComparer.Ordinal).Count() == columns.Count;
        var labels = columns.Select(c => modesDistinct ? c.Group.Mode : $"{c.Run}: {c.Group.Mode}").ToList();
        var rows = Metrics.Select(metric =>
        {
            var values = columns.Select(c => Value(c.Group, metric)).ToList();
            double? ratio = values.Count == 2 && values[1] != 0 ? Math.Round(values[0] / values[1], 2) : null;
            return new ComparisonRow(metric, values, ratio);
        }).ToList();
        return new StatisticsComparison(labels, rows);
    }

    private static double Value(GroupStatistics g, string metric) => metric switch
    {
        "kept" => g.Kept,
        "turns" => g.Turns.Mean,
        "user_messages" => g.UserTurns.Mean,
        "assistant_messages" => g.AssistantTurns.Mean,
        "tool_calls" => g.ToolCalls.Mean,
        "tasks" => g.Tasks.Mean,
        "tokens" => g.Tokens.Mean,
        "distinct_user_messages" => g.DistinctUserMessages,
        _ => g.ToolErrorRate,
    };
}

/// <summary>One metric across the compared columns.</summary>
/// <param name="Metric">The metric's name (one of <see cref="StatisticsComparison.Metrics"/>).</param>
/// <param name="Values">Its value in each column.</param>
/// <param name="Ratio">First column / second column, when there are exactly two and the second is not 0.</param>
public sealed record ComparisonRow(string Metric, IReadOnlyList<double> Values, double? Ratio);
