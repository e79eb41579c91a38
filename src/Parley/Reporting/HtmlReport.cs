using System.Net;
using System.Text.Json;
using Parley.Dialogues;
using Parley.Runs;

namespace Parley.Reporting;

/// <summary>
/// One self-contained HTML file about one or more runs: the dataset numbers, distribution charts, a user-oriented vs
/// task-oriented comparison when both modes are present, and a browser of the dialogues. Nothing is fetched when it is
/// viewed: styles, script and data are inline and the charts are SVG drawn by the inline script.
/// </summary>
public static class HtmlReport
{
    /// <summary>The default cap on dialogues embedded for the browser.</summary>
    public const int DefaultMaxDialogues = 2_000;

    /// <summary>
    /// Renders the report of <paramref name="folders"/> (as <see cref="Render"/>) and writes it to <paramref name="path"/>,
    /// whole or not at all; a path inside a run folder is written under that run's lock.
    /// </summary>
    /// <returns>The report written.</returns>
    public static RenderedReport Write(string path, IReadOnlyList<string> folders, int maxDialogues = DefaultMaxDialogues, Evaluation.EvaluationResults? evaluation = null,
        CancellationToken cancellationToken = default)
    {
        var report = Render(folders, maxDialogues, evaluation, cancellationToken);
        using var locked = RunFolder.LockEnclosing(path);
        Serialization.AtomicFile.WriteAllText(path, report.Html);
        return report;
    }

    /// <summary>Renders the report of the run folders <paramref name="folders"/>, reading each one's dialogues as a stream.</summary>
    /// <param name="folders">The run folders, in the order given on the command line.</param>
    /// <param name="maxDialogues">
    /// At most this many dialogues are embedded for the browser (taken in turn from each run's kept and rejected ones), so
    /// the file stays quick to open; the numbers and charts always cover every dialogue. Only these (at most this many
    /// per list) are held in memory.
    /// </param>
    /// <param name="evaluation">An evaluation's results, shown first (pass^k curve, domains, failure kinds) when the run is an evaluation's trials.</param>
    /// <param name="cancellationToken">Cancels reading.</param>
    public static RenderedReport Render(IReadOnlyList<string> folders, int maxDialogues = DefaultMaxDialogues, Evaluation.EvaluationResults? evaluation = null, CancellationToken cancellationToken = default)
    {
        var statistics = new Statistics.DatasetStatistics.Accumulator();
        var runs = new List<ReportRun>();
        var lists = new List<List<Sampled>>();
        foreach (var folder in folders)
        {
            var manifest = OutputDirectory.ReadManifest(folder);
            var modes = new SortedSet<string>(StringComparer.Ordinal);
            var counts = new int[2];
            foreach (var set in new[] { DialogueSet.Kept, DialogueSet.Rejected })
            {
                var sample = new List<Sampled>();
                statistics.AddAll(RunReader.Dialogues(folder, set, cancellationToken).Select(d =>
                {
                    if (sample.Count < maxDialogues) sample.Add(Browse(d, runs.Count));
                    modes.Add(d.Dialogue.Metadata.Mode.Name());
                    counts[(int)set]++;
                    return d.Dialogue;
                }), kept: set == DialogueSet.Kept);
                lists.Add(sample);
            }
            runs.Add(new ReportRun(folder, manifest?.ParleyVersion, manifest?.Seed, manifest?.Engines, counts[0], counts[1], [.. modes]));
        }
        var figures = RunFigures.Of(statistics);
        var prompts = new List<string>();
        var promptIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var embedded = Select(lists, maxDialogues).Select(x => x.Browse with { System = Index(x.SystemPrompt, prompts, promptIndex) }).ToList();
        var title = folders.Count == 1 ? $"Parley report: {Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folders[0])))}" : $"Parley report: {folders.Count} runs";
        var data = new ReportData(
            title,
            "Parley " + ParleyInfo.Version,
            runs,
            figures.Modes,
            figures.Groups,
            figures.Distributions,
            runs.Sum(r => r.Kept + r.Rejected),
            prompts,
            embedded);
        // The default encoder escapes '<', '>' and '&', so no "</script>" can end the data block early.
        var json = JsonSerializer.Serialize(data, ReportJsonContext.Default.ReportData);
        var html = ReportTemplate.Get("report.html").Fill(new Dictionary<string, string>
        {
            ["title"] = WebUtility.HtmlEncode(title),
            ["data"] = json,
            ["evaluation"] = evaluation is null ? "" : EvaluationSection.Render(evaluation),
        });
        return new RenderedReport(html, data.DialoguesTotal);
    }

    /// <summary>Up to <paramref name="max"/> dialogues, taken in turn from each run's kept and rejected lists (two lists per run), so every group is represented.</summary>
    private static IEnumerable<Sampled> Select(List<List<Sampled>> lists, int max)
    {
        var taken = 0;
        for (var k = 0; taken < max && lists.Any(l => k < l.Count); k++)
        {
            for (var l = 0; l < lists.Count; l++)
            {
                if (k >= lists[l].Count) continue;
                if (taken++ == max) yield break;
                yield return lists[l][k];
            }
        }
    }

    /// <summary>
    /// A dialogue sampled for the browser, already in its browser shape: plain strings only, so the sample does not
    /// keep the parsed dialogue (its JSON documents) alive while the rest of the run streams past. Its system prompt is
    /// numbered once the embedded dialogues are chosen.
    /// </summary>
    private sealed record Sampled(ReportDialogue Browse, string SystemPrompt);

    private static int Index(string systemPrompt, List<string> prompts, Dictionary<string, int> promptIndex)
    {
        if (!promptIndex.TryGetValue(systemPrompt, out var index))
        {
            index = promptIndex[systemPrompt] = prompts.Count;
            prompts.Add(systemPrompt);
        }
        return index;
    }

    private static Sampled Browse(RunDialogue sampled, int run)
    {
        var d = sampled.Dialogue;
        var m = d.Metadata;
        return new Sampled(new ReportDialogue(
            d.Id,
            run,
            m.Mode.Name(),
            m.Domain,
            sampled.Kept ? "kept" : "rejected",
            sampled.Reasons.Count > 0 ? sampled.Reasons : [.. m.Verdict?.Failures ?? []],
            [.. d.Messages.OfType<AssistantMessage>().SelectMany(a => a.ToolCalls ?? []).Select(c => c.Function.Name).Distinct(StringComparer.Ordinal)],
            m.Counts.Turns,
            m.Counts.ToolCalls,
            m.Counts.Tasks,
            JsonSerializer.Serialize(m.Termination, DialogueJsonContext.Default.TerminationReason).Trim('"'),
            m.Persona,
            -1,
            [.. d.Messages.Where(x => x is not SystemMessage).Select(x => new ReportMessage(
                x switch { UserMessage => "user", AssistantMessage => "assistant", _ => "tool" },
                x.Content,
                (x as AssistantMessage)?.ReasoningContent,
                (x as AssistantMessage)?.ToolCalls?.Select(c => new ReportToolCall(c.Id, c.Function.Name, c.Function.Arguments)).ToList(),
                (x as ToolMessage)?.ToolCallId))]), d.Messages.OfType<SystemMessage>().FirstOrDefault()?.Content ?? "");
    }
}
