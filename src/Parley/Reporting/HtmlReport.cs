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
    /// Renders the report of <paramref name="runs"/> (as <see cref="Render"/>) and writes it to <paramref name="path"/>,
    /// whole or not at all; a path inside a run folder is written under that run's lock.
    /// </summary>
    public static void Write(string path, IReadOnlyList<RunContents> runs, int maxDialogues = DefaultMaxDialogues, Evaluation.EvaluationResults? evaluation = null)
    {
        var html = Render(runs, maxDialogues, evaluation);
        using var locked = RunFolder.LockEnclosing(path);
        Serialization.AtomicFile.WriteAllText(path, html);
    }

    /// <summary>Renders the report of <paramref name="runs"/>.</summary>
    /// <param name="runs">The runs, in the order given on the command line.</param>
    /// <param name="maxDialogues">
    /// At most this many dialogues are embedded for the browser (taken in turn from each run's kept and rejected ones), so
    /// the file stays quick to open; the numbers and charts always cover every dialogue.
    /// </param>
    /// <param name="evaluation">An evaluation's results, shown first (pass^k curve, domains, failure kinds) when the run is an evaluation's trials.</param>
    public static string Render(IReadOnlyList<RunContents> runs, int maxDialogues = DefaultMaxDialogues, Evaluation.EvaluationResults? evaluation = null)
    {
        var kept = runs.SelectMany(r => r.Kept).ToList();
        var rejected = runs.SelectMany(r => r.RejectedDialogues).ToList();
        var figures = RunFigures.Of(kept, rejected);
        var prompts = new List<string>();
        var promptIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var embedded = Select(runs, maxDialogues).Select(x => Browse(x.Dialogue, x.Run, x.Kept, x.Reasons, prompts, promptIndex)).ToList();
        var title = runs.Count == 1 ? $"Parley report: {Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(runs[0].Folder)))}" : $"Parley report: {runs.Count} runs";
        var data = new ReportData(
            title,
            "Parley " + ParleyInfo.Version,
            [.. runs.Select(r => new ReportRun(r.Folder, r.Manifest?.ParleyVersion, r.Manifest?.Seed, r.Manifest?.Engines, r.Kept.Count, r.Rejected.Count,
                [.. r.Kept.Concat(r.RejectedDialogues).Select(d => d.Metadata.Mode.Name()).Distinct().Order(StringComparer.Ordinal)]))],
            figures.Modes,
            figures.Groups,
            figures.Distributions,
            kept.Count + rejected.Count,
            prompts,
            embedded);
        // The default encoder escapes '<', '>' and '&', so no "</script>" can end the data block early.
        var json = JsonSerializer.Serialize(data, ReportJsonContext.Default.ReportData);
        return ReportTemplate.Get("report.html").Fill(new Dictionary<string, string>
        {
            ["title"] = WebUtility.HtmlEncode(title),
            ["data"] = json,
            ["evaluation"] = evaluation is null ? "" : EvaluationSection.Render(evaluation),
        });
    }

    /// <summary>Up to <paramref name="max"/> dialogues, taken in turn from each run's kept and rejected lists, so every group is represented.</summary>
    private static IEnumerable<(Dialogue Dialogue, int Run, bool Kept, IReadOnlyList<string> Reasons)> Select(IReadOnlyList<RunContents> runs, int max)
    {
        var lists = runs.SelectMany((r, i) => new[]
        {
            r.Kept.Select(d => (d, i, true, (IReadOnlyList<string>)[])).ToList(),
            r.Rejected.Select(x => (x.Dialogue!, i, false, x.Reasons)).ToList(),
        }).ToList();
        var taken = 0;
        for (var k = 0; taken < max && lists.Any(l => k < l.Count); k++)
        {
            foreach (var list in lists.Where(l => k < l.Count))
            {
                if (taken++ == max) yield break;
                yield return list[k];
            }
        }
    }

    private static ReportDialogue Browse(Dialogue d, int run, bool kept, IReadOnlyList<string> reasons, List<string> prompts, Dictionary<string, int> promptIndex)
    {
        var system = d.Messages.OfType<SystemMessage>().FirstOrDefault()?.Content ?? "";
        if (!promptIndex.TryGetValue(system, out var index))
        {
            index = promptIndex[system] = prompts.Count;
            prompts.Add(system);
        }
        var m = d.Metadata;
        return new ReportDialogue(
            d.Id,
            run,
            m.Mode.Name(),
            m.Domain,
            kept ? "kept" : "rejected",
            reasons.Count > 0 ? reasons : [.. m.Verdict?.Failures ?? []],
            [.. d.Messages.OfType<AssistantMessage>().SelectMany(a => a.ToolCalls ?? []).Select(c => c.Function.Name).Distinct(StringComparer.Ordinal)],
            m.Counts.Turns,
            m.Counts.ToolCalls,
            m.Counts.Tasks,
            JsonSerializer.Serialize(m.Termination, DialogueJsonContext.Default.TerminationReason).Trim('"'),
            m.Persona,
            index,
            [.. d.Messages.Where(x => x is not SystemMessage).Select(x => new ReportMessage(
                x switch { UserMessage => "user", AssistantMessage => "assistant", _ => "tool" },
                x.Content,
                (x as AssistantMessage)?.ReasoningContent,
                (x as AssistantMessage)?.ToolCalls?.Select(c => new ReportToolCall(c.Id, c.Function.Name, c.Function.Arguments)).ToList(),
                (x as ToolMessage)?.ToolCallId))]);
    }
}
