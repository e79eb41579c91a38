using Parley.Dialogues;
using Parley.Runs;
using Parley.Serialization;

namespace Parley.Tests.TestDoubles;

/// <summary>Reads a run folder's dialogues for a test, and writes folders without a ledger (as <c>parley filter</c> does) from dialogues a test changed.</summary>
internal static class RunFolders
{
    /// <summary>The kept dialogues of <paramref name="folder"/>, through the one run reader.</summary>
    public static List<Dialogue> Kept(string folder) => [.. RunReader.Dialogues(folder, DialogueSet.Kept).Select(d => d.Dialogue)];

    /// <summary>Writes <c>dialogues.jsonl</c> and <c>rejected.jsonl</c> into <paramref name="folder"/> (created); returns it.</summary>
    public static string Write(string folder, IEnumerable<Dialogue> kept, IEnumerable<RejectedDialogue> rejected)
    {
        Directory.CreateDirectory(folder);
        JsonlFile.Write(Path.Combine(folder, OutputDirectory.DialoguesFile), kept, DialogueJsonContext.Default.Dialogue);
        JsonlFile.Write(Path.Combine(folder, OutputDirectory.RejectedFile), rejected, RunJsonContext.Default.RejectedDialogue);
        return folder;
    }
}
