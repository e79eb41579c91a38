using Parley.Dialogues;
using Parley.Export;
using Parley.Serialization;

namespace Parley.Runs;

/// <summary>What a run folder holds for reporting: its manifest (when there is one), kept and rejected dialogues.</summary>
/// <param name="Folder">The run folder.</param>
/// <param name="Manifest">The run's <c>manifest.json</c>; null for a folder written by <c>parley filter</c>.</param>
/// <param name="Kept">The dialogues of <c>dialogues.jsonl</c>.</param>
/// <param name="Rejected">The entries of <c>rejected.jsonl</c> that hold a conversation, with their reasons.</param>
public sealed record RunContents(string Folder, Manifest? Manifest, IReadOnlyList<Dialogue> Kept, IReadOnlyList<RejectedDialogue> Rejected)
{
    /// <summary>The rejected conversations.</summary>
    public IReadOnlyList<Dialogue> RejectedDialogues => [.. Rejected.Select(r => r.Dialogue).OfType<Dialogue>()];

    /// <summary>Reads a run folder; a <see cref="ParleyException"/> when it has no <c>dialogues.jsonl</c> or a file does not parse.</summary>
    public static RunContents Load(string folder)
    {
        var kept = JsonlFile.Read(OutputDirectory.DialoguesOf(folder), DialogueJsonContext.Default.Dialogue);
        var rejectedFile = Path.Combine(folder, OutputDirectory.RejectedFile);
        IReadOnlyList<RejectedDialogue> rejected = File.Exists(rejectedFile)
            ? [.. JsonlFile.Read(rejectedFile, RunJsonContext.Default.RejectedDialogue).Where(r => r.Dialogue is not null)]
            : [];
        return new RunContents(folder, OutputDirectory.ReadManifest(folder), kept, rejected);
    }
}
