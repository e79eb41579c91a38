using System.Globalization;
using Parley.Reporting;
using Parley.Runs;
using Parley.Statistics;

namespace Parley.Export;

/// <summary>The Hugging Face dataset card (<c>README.md</c> with YAML front matter) written next to a Parquet export.</summary>
internal static class DatasetCard
{
    /// <summary>Renders the card of an export.</summary>
    /// <param name="figures">The figures of the exported dialogues.</param>
    /// <param name="manifest">The run's manifest, when there is one (version, seed, engines, yield).</param>
    /// <param name="splits">The files written.</param>
    /// <param name="perTurn">Whether samples are per assistant message.</param>
    /// <param name="includeReasoning">Whether assistant reasoning was kept.</param>
    /// <param name="singleCalls">Whether parallel tool calls were split into one call per assistant message.</param>
    public static string Render(RunFigures figures, Manifest? manifest, IReadOnlyList<ExportedSplit> splits, bool perTurn, bool includeReasoning, bool singleCalls = false)
    {
        var modes = figures.ByMode;
        var title = "Parley " + string.Join(" and ", modes.Select(g => g.Mode)) + " tool-use dialogues";
        return ReportTemplate.Get("dataset-card.md").Fill(new Dictionary<string, string>
        {
            ["pretty_name"] = title,
            ["size_category"] = SizeCategory(splits.Sum(s => s.Samples)),
            ["data_files"] = Lines(splits.Select(s => $"  - split: {s.Split}\n    path: {s.Path}")),
            ["parley_version"] = manifest?.ParleyVersion ?? ParleyInfo.Version,
            ["summary"] = Lines(Summary(figures, manifest, splits, perTurn)),
            ["statistics"] = Lines(figures.Groups.Where(g => g.Kept > 0).Select(Row)),
            ["distributions"] = Lines(figures.Distributions.SelectMany(d => d.Series.Select(s =>
                $"- **{d.Label}**, {s.Name}: " + string.Join(", ", d.Buckets.Zip(s.Counts).Where(x => x.Second > 0).Select(x => $"{x.First}: {N(x.Second)}"))))),
            ["generation"] = Lines(HowGenerated(manifest, modes)),
            ["format"] = (perTurn
                    ? "One row per assistant message: the conversation up to and including it, for turn-level training."
                    : "One row per dialogue.")
                + (includeReasoning ? " Assistant reasoning is kept in `reasoning_content`." : " Assistant reasoning, if any, was left out (`reasoning_content` is null).")
                + (singleCalls
                    ? " Parallel tool calls were split (`--split-parallel-calls`): every assistant message makes at most one call, followed by its result, so templates that take one call per message (Llama 3.1) render every row."
                    : " An assistant message may make several tool calls at once (parallel calls); Llama 3.1's template takes one per message: export with `--split-parallel-calls` for it."),
            ["load_files"] = "{" + string.Join(", ", splits.Select(s => $"\"{s.Split}\": \"{s.Path}\"")) + "}",
        });
    }

    private static IEnumerable<string> Summary(RunFigures figures, Manifest? manifest, IReadOnlyList<ExportedSplit> splits, bool perTurn)
    {
        var dialogues = splits.Sum(s => s.Dialogues);
        yield return $"| samples | {string.Join(", ", splits.Select(s => $"{s.Split} {N(s.Samples)}"))} ({(perTurn ? "one per assistant message" : "one per dialogue")}) |";
        yield return $"| dialogues | {N(dialogues)} ({string.Join(", ", splits.Select(s => $"{s.Split} {N(s.Dialogues)}"))}) |";
        yield return $"| modes | {string.Join(", ", figures.ByMode.Select(g => $"{g.Mode} ({N(g.Kept)})"))} |";
        var domains = figures.Groups.Where(g => g.Domain != "all").Select(g => g.Domain).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        yield return $"| domains | {domains.Count}: {string.Join(", ", domains)} |";
        foreach (var g in figures.ByMode)
        {
            yield return $"| {g.Mode} | {F(g.Turns.Mean)} turns, {F(g.UserTurns.Mean)} user messages, {F(g.ToolCalls.Mean)} tool calls, {F(g.Tasks.Mean, "0.00")} tasks per dialogue (means) |";
        }
        if (manifest is not null)
        {
            yield return $"| generation yield | {N(manifest.Kept)} kept of {N(manifest.Attempted)} attempted ({F(manifest.Yield * 100)}%), {N(manifest.Rejected)} rejected by verification |";
        }
    }

    private static IEnumerable<string> HowGenerated(Manifest? manifest, IReadOnlyList<GroupStatistics> modes)
    {
        if (manifest is null)
        {
            yield return $"- Parley {ParleyInfo.Version}; modes: {string.Join(", ", modes.Select(g => g.Mode))}; no manifest.json (a filtered run), so seed and engines are not recorded here.";
            yield break;
        }
        yield return $"- Parley {manifest.ParleyVersion}, run seed {manifest.Seed.ToString(CultureInfo.InvariantCulture)} (the same seed regenerates the same dialogues)";
        yield return $"- modes: {string.Join(", ", modes.Select(g => g.Mode))}";
        yield return $"- engines: {string.Join(", ", manifest.Engines.Select(e => $"{e.Key} = {e.Value}"))}";
        yield return $"- environments: {string.Join(", ", manifest.Environments)}";
        var settings = manifest.Config.Where(c => !string.IsNullOrEmpty(c.Value) && c.Key != "mode").Select(c => $"{c.Key} = {c.Value}").ToList();
        if (settings.Count > 0) yield return $"- settings: {string.Join(", ", settings)}";
    }

    private static string Row(GroupStatistics g) =>
        $"| {g.Mode} | {g.Domain} | {N(g.Kept)} | {F(g.Turns.Mean)} / {F(g.Turns.Median)} | {F(g.UserTurns.Mean)} | {F(g.AssistantTurns.Mean)} | {F(g.ToolCalls.Mean)} | {F(g.Tasks.Mean, "0.00")} | {N(g.DistinctTools)} | {F(g.ToolErrorRate * 100)}% | {F(g.DistinctUserMessages * 100)}% |";

    /// <summary>The Hugging Face <c>size_categories</c> value for a row count.</summary>
    internal static string SizeCategory(int rows) => rows switch
    {
        < 1_000 => "n<1K",
        < 10_000 => "1K<n<10K",
        < 100_000 => "10K<n<100K",
        < 1_000_000 => "100K<n<1M",
        < 10_000_000 => "1M<n<10M",
        _ => "10M<n<100M",
    };

    private static string Lines(IEnumerable<string> lines) => string.Join("\n", lines);

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string F(double value, string format = "0.0") => value.ToString(format, CultureInfo.InvariantCulture);
}
