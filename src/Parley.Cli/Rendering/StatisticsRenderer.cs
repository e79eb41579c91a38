using System.Globalization;
using Parley.Statistics;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Parley.Cli.Rendering;

/// <summary>Renders dataset statistics for the terminal: group table, histograms, tool coverage, errors, terminations, comparison.</summary>
internal static class StatisticsRenderer
{
    public static void Write(string run, DatasetStatistics stats, bool withTitle)
    {
        if (withTitle) AnsiConsole.Write(new Rule(Markup.Escape(run)).LeftJustified());
        foreach (var table in Groups(stats)) AnsiConsole.Write(table);
        // A run with no kept dialogue has empty histograms, which a bar chart cannot draw.
        var charts = stats.Distributions.Where(d => d.Value.Count > 0).Select(d => (IRenderable)Chart(d.Key, d.Value)).ToList();
        if (charts.Count > 0) AnsiConsole.Write(new Columns(charts));
        AnsiConsole.Write(Coverage(stats));
        var e = stats.Errors;
        AnsiConsole.MarkupLineInterpolated(
            $"tool errors: {e.Errors} of {e.ToolCalls} calls ({Pct(e.ErrorRate)}) in {e.DialoguesWithErrors} dialogues; recovered {e.Recovered} ({Pct(e.RecoveryRate)}); by kind: {Join(e.ByKind)}");
        AnsiConsole.MarkupLineInterpolated($"terminations: {Join(stats.Terminations)}");
        Write(stats.Habits);
    }

    private static void Write(HabitStatistics h)
    {
        AnsiConsole.MarkupLineInterpolated($"habits ({h.Dialogues} kept dialogues, {h.UserMessages} user / {h.AssistantMessages} assistant messages, {h.Writes} writes):");
        AnsiConsole.MarkupLineInterpolated(
            $"  consent: {h.ClosingConsents} writes consented with a closing phrase, {h.UnclearConsents} without an explicit yes; amounts confirmed: {h.MoneyWritesWithAmount} of {h.MoneyWrites} money-moving writes ({Pct(h.AmountConfirmedRate)})");
        AnsiConsole.MarkupLineInterpolated(
            $"  wording: {h.PluralMarkers} messages with \"(s)\"; key/value dumps {h.KeyValueDumps} ({Pct(h.KeyValueDumpRate)}); stacked acknowledgements {h.StackedAcknowledgements} ({Pct(h.StackedAcknowledgementRate)}); exact-repeat assistant messages {h.AssistantRepeats} ({Pct(h.AssistantRepeatRate)})");
        AnsiConsole.MarkupLineInterpolated(
            $"  behaviour: {h.DialoguesWithDecline} dialogues with a declined request ({Pct(h.DeclineRate)}); {h.UnseenChoices} choices among unseen options; {h.ReIdentifications} re-identifications; {h.RepeatedCalls} repeated identical calls; {h.ReReads} re-reads after a change; {h.ParallelCallMessages} messages with parallel calls");
    }

    public static void Write(StatisticsComparison comparison)
    {
        var table = new Table().Title("side by side (means per kept dialogue)").AddColumn("metric", c => c.NoWrap());
        foreach (var column in comparison.Columns) table.AddColumn(Markup.Escape(column), c => c.RightAligned().NoWrap());
        var withRatio = comparison.Rows.Any(r => r.Ratio is not null);
        if (withRatio) table.AddColumn("ratio", c => c.RightAligned());
        foreach (var row in comparison.Rows)
        {
            var cells = new List<string> { row.Metric.Replace('_', ' ') };
            cells.AddRange(row.Values.Select(v => Format(row.Metric, v)));
            if (withRatio) cells.Add(row.Ratio is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) + "×" : "");
            table.AddRow(cells.ToArray());
        }
        AnsiConsole.Write(table);
    }

    // Two tables of the same groups, so each fits 100 columns with short headers; figures never wrap, a long domain
    // name does.
    private static IEnumerable<Table> Groups(DatasetStatistics stats)
    {
        var sizes = Figures(Named(new Table()), "dialogues", "pass", "turns (med.)", "user", "agent", "calls", "tasks");
        var variety = Figures(Named(new Table()), "tokens", "tools", "errors", "distinct user", "distinct openings");
        foreach (var g in stats.Groups)
        {
            sizes.AddRow(g.Mode, g.Domain, g.Dialogues.ToString(CultureInfo.InvariantCulture), Pct(g.PassRate),
                $"{g.Turns.Mean:0.0} ({g.Turns.Median:0.#})", $"{g.UserTurns.Mean:0.0}", $"{g.AssistantTurns.Mean:0.0}", $"{g.ToolCalls.Mean:0.0}", $"{g.Tasks.Mean:0.00}");
            variety.AddRow(g.Mode, g.Domain, $"{g.Tokens.Mean:0}", g.DistinctTools.ToString(CultureInfo.InvariantCulture), Pct(g.ToolErrorRate), Pct(g.DistinctUserMessages), Pct(g.DistinctOpenings));
        }
        return [sizes, variety];
    }

    private static Table Named(Table table) => table.AddColumn("mode", c => c.NoWrap()).AddColumn("domain");

    private static Table Figures(Table table, params string[] headers)
    {
        foreach (var header in headers) table.AddColumn(header, c => c.NoWrap());
        return table;
    }

    private static BarChart Chart(string name, Histogram histogram)
    {
        var s = histogram.Summary;
        var chart = new BarChart().Width(48).Label($"{name.Replace('_', ' ')}: mean {s.Mean:0.#}, median {s.Median:0.#}");
        foreach (var bucket in histogram.Buckets)
        {
            chart.AddItem(bucket.Low == bucket.High ? $"{bucket.Low}" : $"{bucket.Low}–{bucket.High}", bucket.Count, Color.Blue);
        }
        return chart;
    }

    private static Table Coverage(DatasetStatistics stats)
    {
        var table = new Table().AddColumn("domain", c => c.NoWrap()).AddColumns("tools used", "calls", "most called", "unused");
        foreach (var c in stats.Coverage)
        {
            var top = c.Calls.OrderByDescending(x => x.Value).ThenBy(x => x.Key, StringComparer.Ordinal).Take(3).Select(x => $"{x.Key} {x.Value}");
            table.AddRow(c.Domain, $"{c.Used} of {c.Declared}", c.Calls.Values.Sum().ToString(CultureInfo.InvariantCulture),
                Markup.Escape(string.Join(", ", top)), Markup.Escape(c.Unused.Count == 0 ? "—" : string.Join(", ", c.Unused)));
        }
        return table;
    }

    private static string Format(string metric, double value) => metric switch
    {
        "kept" => value.ToString("0", CultureInfo.InvariantCulture),
        "distinct_user_messages" or "tool_error_rate" => Pct(value),
        "tokens" => value.ToString("#,0", CultureInfo.InvariantCulture),
        _ => value.ToString("0.00", CultureInfo.InvariantCulture),
    };

    private static string Join(IReadOnlyDictionary<string, int> counts) =>
        counts.Count == 0 ? "none" : string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}"));

    private static string Pct(double x) => (x * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
