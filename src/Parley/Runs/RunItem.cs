using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Parley.Dialogues;
using Parley.Tasks;

namespace Parley.Runs;

/// <summary>
/// One item of a run folder as <see cref="RunReader"/> reads it: its ledger entry, its exact bytes in each run file
/// (checked against the ledger's hashes), and the line where those bytes start in each file.
/// </summary>
/// <param name="Folder">The run folder.</param>
/// <param name="Entry">The item's ledger entry.</param>
/// <param name="Dialogues">Its kept dialogue's line in <c>dialogues.jsonl</c> (empty when not kept).</param>
/// <param name="Rejected">Its line in <c>rejected.jsonl</c> (empty when not rejected).</param>
/// <param name="Tasks">Its lines in <c>tasks.jsonl</c>.</param>
/// <param name="States">Its paused state's line in <c>states.jsonl</c> (empty when not paused).</param>
/// <param name="FirstLines">The 1-based line number where the item's bytes start, per file.</param>
internal sealed record RunItem(string Folder, LedgerEntry Entry, byte[] Dialogues, byte[] Rejected, byte[] Tasks, byte[] States, FileOffsets FirstLines)
{
    /// <summary>The kept dialogue, or null.</summary>
    public Dialogue? Kept => Dialogues.Length == 0 ? null : Lines(Dialogues, OutputDirectory.DialoguesFile, FirstLines.Dialogues, DialogueJsonContext.Default.Dialogue)[0];

    /// <summary>The rejected entry, or null.</summary>
    public RejectedDialogue? RejectedEntry => Rejected.Length == 0 ? null : Lines(Rejected, OutputDirectory.RejectedFile, FirstLines.Rejected, RunJsonContext.Default.RejectedDialogue)[0];

    /// <summary>The item's tasks, in the order written.</summary>
    public IReadOnlyList<TaskSpec> TaskSpecs => Lines(Tasks, OutputDirectory.TasksFile, FirstLines.Tasks, RunJsonContext.Default.TaskSpec);

    private List<T> Lines<T>(byte[] bytes, string file, long firstLine, JsonTypeInfo<T> type)
    {
        var items = new List<T>();
        var rest = bytes.AsSpan();
        for (var line = firstLine; !rest.IsEmpty; line++)
        {
            var end = rest.IndexOf((byte)'\n');
            var text = end < 0 ? rest : rest[..end];
            rest = end < 0 ? [] : rest[(end + 1)..];
            try
            {
                items.Add(JsonSerializer.Deserialize(text, type) ?? throw new JsonException("null record"));
            }
            catch (JsonException e)
            {
                throw ParleyException.InvalidFile(Path.Combine(Folder, file), $"line {line}: {e.Message}");
            }
        }
        return items;
    }
}
