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
    /// Hugging Face dataset folder. The run is read as a stream (once to choose, once per split to write), so memory does
    /// not grow with its size. A target inside a run folder is written under that run's lock.
    /// </summary>
    /// <exception cref="ParleyException">The request is invalid, the run folder has no dialogues, or a file does not parse.</exception>
    public static async Task<ExportOutcome> WriteAsync(string run, ExportRequest request, CancellationToken cancellationToken = default)
    {
        if (request.Validate() is { Count: > 0 } problems) throw ParleyException.InvalidOptions(problems);
        var target = request.TargetIn(run);
        using var locked = RunFolder.LockEnclosing(target);
        var selection = ExportSelection.Of(run, request.Exclusions, request.Deduplicate, request.ValidationFraction, cancellationToken);
        var excluded = request.Exclusions.Select((e, i) => (e.Source, selection.Excluded[i])).ToList();
        if (request.Format == ExportRequest.Parquet)
        {
            var splits = await HuggingFaceDataset.WriteAsync(target, Split(selection.Train(cancellationToken)), Split(selection.Validation(cancellationToken)),
                OutputDirectory.ReadManifest(run), request.IncludeReasoning, request.PerTurn, request.SplitParallelCalls, cancellationToken);
            return new ExportOutcome(excluded, selection.NearDuplicates, [.. splits.Select(s => new ExportedFile(Path.Combine(target, s.Path), s.Samples, s.Dialogues))],
                Path.Combine(target, HuggingFaceDataset.CardFile));
        }
        var format = ExportRequest.JsonlFormats[request.Format];
        var files = new List<ExportedFile> { Write(target, Split(selection.Train(cancellationToken)), format, request) };
        if (selection.ValidationDialogues > 0)
        {
            files.Add(Write(Path.ChangeExtension(target, null) + ".validation.jsonl", Split(selection.Validation(cancellationToken)), format, request));
        }
        return new ExportOutcome(excluded, selection.NearDuplicates, files, null);

        IEnumerable<Dialogue> Split(IEnumerable<Dialogue> dialogues) =>
            request.SplitParallelCalls ? dialogues.Select(ParallelCallSplitter.Split) : dialogues;
    }

    private static ExportedFile Write(string path, IEnumerable<Dialogue> dialogues, ExportFormat format, ExportRequest request)
    {
        var (samples, count) = (0, 0);
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
            samples = DatasetExporter.Write(dialogues.Select(d => { count++; return d; }), format, writer, request.IncludeReasoning, request.PerTurn);
        });
        return new ExportedFile(path, samples, count);
    }
}
