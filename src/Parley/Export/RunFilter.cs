using System.Text;
using System.Text.Json;
using Parley.Dialogues;
using Parley.Runs;
using Parley.Serialization;

namespace Parley.Export;

/// <summary>
/// <c>parley filter</c>: applies a <see cref="DialogueFilter"/> to a run folder's dialogues and writes the kept ones to a
/// target folder's <c>dialogues.jsonl</c> and the others, with why, to its <c>dropped.jsonl</c>.
/// </summary>
public static class RunFilter
{
    /// <summary>The file of dropped dialogues, with their reasons.</summary>
    public const string DroppedFile = "dropped.jsonl";

    /// <summary>
    /// Filters <paramref name="run"/>'s kept dialogues (and its rejected ones unless <see cref="DialogueFilter.PassedOnly"/>)
    /// into <paramref name="target"/>. The run is read as a stream, again for each of the domain check and deduplication
    /// when they are asked for, so memory does not grow with its size. A target inside a run folder is written under that
    /// run's lock; both files are written whole or not at all.
    /// </summary>
    /// <exception cref="ParleyException">
    /// The target is a run folder itself (its dialogues would be replaced), a selected domain is not among the dialogues
    /// filtered (a misspelling would keep nothing), or a run file does not parse.
    /// </exception>
    public static FilterOutcome Write(string run, DialogueFilter filter, string target, CancellationToken cancellationToken = default)
    {
        if (RunFolder.IsRun(target)) throw ParleyException.RunFolderNotEmpty(target, "holds a parley run, whose dialogues filtering would replace; choose another folder for --out");
        IEnumerable<Dialogue> Read() => RunReader.Dialogues(run, DialogueSet.Kept, cancellationToken)
            .Concat(filter.PassedOnly ? [] : RunReader.Dialogues(run, DialogueSet.Rejected, cancellationToken))
            .Select(d => d.Dialogue);
        if (filter.Domains.Count > 0)
        {
            var domains = Read().Select(d => d.Metadata.Domain).ToHashSet(StringComparer.Ordinal);
            if (filter.Domains.FirstOrDefault(d => !domains.Contains(d)) is { } unknown)
            {
                throw ParleyException.InvalidOption("--domains", $"'{unknown}' is not a domain of the dialogues in {run} ({(domains.Count == 0 ? "none" : string.Join(", ", domains.Order(StringComparer.Ordinal)))})");
            }
        }
        using var held = RunFolder.LockEnclosing(target);
        var results = filter.Apply(Read);
        Directory.CreateDirectory(target);
        var (kept, dropped) = (0, 0);
        AtomicFile.Write(Path.Combine(target, OutputDirectory.DialoguesFile), keptFile => AtomicFile.Write(Path.Combine(target, DroppedFile), droppedFile =>
        {
            using var keptLines = new StreamWriter(keptFile, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
            using var droppedLines = new StreamWriter(droppedFile, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
            foreach (var (dialogue, reasons) in results)
            {
                if (reasons.Count == 0)
                {
                    keptLines.WriteLine(JsonSerializer.Serialize(dialogue, DialogueJsonContext.Relaxed.Dialogue));
                    kept++;
                }
                else
                {
                    droppedLines.WriteLine(JsonSerializer.Serialize(new RejectedDialogue(dialogue.Id, reasons, dialogue), RunJsonContext.Relaxed.RejectedDialogue));
                    dropped++;
                }
            }
        }));
        return new FilterOutcome(kept, dropped);
    }
}
