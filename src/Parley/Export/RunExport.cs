using System.Text;
using Parley.Dialogues;
using Parley.Runs;
using Parley.Serialization;

namespace Parley.Export;

/// <summary><c>parley export</c>: writes a run's kept dialogues in a training format, as an <see cref="ExportRequest"/> says.</summary>
public static class RunExport
{
    /// <summary>
    /// Exports <paramref name="run"/>'s kept dialogues: leaves out what the request's exclusions and deduplication say,
    /// splits by environment, and writes JSONL files (<c>&lt;file&gt;.validation.jsonl</c> for the held-out split) or a
    /// Hugging Face dataset folder. A target inside a run folder is written under that run's lock.
    /// </summary>
    /// <exception cref="ParleyException">The request is invalid, the run folder has no dialogues, or a file does not parse.</exception>
    public static async Task<ExportOutcome> WriteAsync(string run, ExportRequest request, CancellationToken cancellationToken = default)
    {
        if (request.Validate() is { Count: > 0 } problems) throw ParleyException.InvalidOptions(problems);
        var contents = RunContents.Load(run);
        IReadOnlyList<Dialogue> dialogues = contents.Kept;
        var excluded = new List<(string, int)>();
        foreach (var exclusion in request.Exclusions)
        {
            var before = dialogues.Count;
            dialogues = [.. dialogues.Where(d => !exclusion.Excludes(d))];
            excluded.Add((exclusion.Source, before - dialogues.Count));
        }
        var duplicates = 0;
        if (request.Deduplicate is { } settings)
        {
            var all = dialogues.Count;
            dialogues = [.. new DialogueFilter { PassedOnly = false, Deduplicate = settings }.Apply(dialogues).Where(x => x.Reasons.Count == 0).Select(x => x.Dialogue)];
            duplicates = all - dialogues.Count;
        }
        if (request.SplitParallelCalls) dialogues = [.. dialogues.Select(ParallelCallSplitter.Split)];
        var (train, held) = DatasetExporter.SplitByEnvironment(dialogues, request.ValidationFraction);
        var target = request.TargetIn(run);
        using var locked = RunFolder.LockEnclosing(target);
        if (request.Format == ExportRequest.Parquet)
        {
            var splits = await HuggingFaceDataset.WriteAsync(target, train, held, contents.Manifest, request.IncludeReasoning, request.PerTurn, request.SplitParallelCalls, cancellationToken);
            return new ExportOutcome(excluded, duplicates, [.. splits.Select(s => new ExportedFile(Path.Combine(target, s.Path), s.Samples, s.Dialogues))],
                Path.Combine(target, HuggingFaceDataset.CardFile));
        }
        var format = ExportRequest.JsonlFormats[request.Format];
        var files = new List<ExportedFile> { Write(target, train, format, request) };
        if (held.Count > 0) files.Add(Write(Path.ChangeExtension(target, null) + ".validation.jsonl", held, format, request));
        return new ExportOutcome(excluded, duplicates, files, null);
    }

    private static ExportedFile Write(string path, IReadOnlyList<Dialogue> dialogues, ExportFormat format, ExportRequest request)
    {
        var count = 0;
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
            count = DatasetExporter.Write(dialogues, format, writer, request.IncludeReasoning, request.PerTurn);
        });
        return new ExportedFile(path, count, dialogues.Count);
    }
}
