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
    /// into <paramref name="target"/>. A target inside a run folder is written under that run's lock.
    /// </summary>
    /// <exception cref="ParleyException">
    /// The target is a run folder itself (its dialogues would be replaced), a selected domain is not among the dialogues
    /// filtered (a misspelling would keep nothing), or a run file does not parse.
    /// </exception>
    public static FilterOutcome Write(string run, DialogueFilter filter, string target)
    {
        if (RunFolder.IsRun(target)) throw ParleyException.RunFolderNotEmpty(target, "holds a parley run, whose dialogues filtering would replace; choose another folder for --out");
        var dialogues = Read(run, withRejected: !filter.PassedOnly);
        var domains = dialogues.Select(d => d.Metadata.Domain).ToHashSet(StringComparer.Ordinal);
        if (filter.Domains.FirstOrDefault(d => !domains.Contains(d)) is { } unknown)
        {
            throw ParleyException.InvalidOption("--domains", $"'{unknown}' is not a domain of the dialogues in {run} ({(domains.Count == 0 ? "none" : string.Join(", ", domains.Order(StringComparer.Ordinal)))})");
        }
        using var held = RunFolder.LockEnclosing(target);
        Directory.CreateDirectory(target);
        var results = filter.Apply(dialogues);
        var kept = results.Where(r => r.Reasons.Count == 0).Select(r => r.Dialogue).ToList();
        JsonlFile.Write(Path.Combine(target, OutputDirectory.DialoguesFile), kept, DialogueJsonContext.Relaxed.Dialogue);
        var dropped = results.Where(r => r.Reasons.Count > 0).Select(r => new RejectedDialogue(r.Dialogue.Id, r.Reasons, r.Dialogue)).ToList();
        JsonlFile.Write(Path.Combine(target, DroppedFile), dropped, RunJsonContext.Relaxed.RejectedDialogue);
        return new FilterOutcome(kept.Count, dropped.Count);
    }

    private static List<Dialogue> Read(string run, bool withRejected)
    {
        var dialogues = JsonlFile.Read(OutputDirectory.DialoguesOf(run), DialogueJsonContext.Relaxed.Dialogue).ToList();
        var rejected = Path.Combine(run, OutputDirectory.RejectedFile);
        if (withRejected && File.Exists(rejected)) dialogues.AddRange(JsonlFile.Read(rejected, RunJsonContext.Relaxed.RejectedDialogue).Select(r => r.Dialogue).OfType<Dialogue>());
        return dialogues;
    }
}
