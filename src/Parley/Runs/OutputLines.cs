using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Parley.Dialogues;
using Parley.Serialization;
using Parley.Simulation;
using Parley.Tasks;

namespace Parley.Runs;

/// <summary>
/// One item's lines for each run file, serialised to UTF-8 ahead of writing: the generation stages serialise in
/// parallel, and a finished item waiting for its turn in index order is held (or spilled) as bytes, not objects.
/// </summary>
internal sealed record OutputLines(byte[] Tasks, byte[] Dialogues, byte[] Rejected, byte[] States)
{
    /// <summary>The lines' content hashes, recorded in the run's ledger; computed where the lines are made, off the single writer.</summary>
    public LineHashes Hashes { get; } = LineHashes.Of(Dialogues, Rejected, Tasks, States);

    /// <summary>Bytes in all files.</summary>
    public long Length => Tasks.Length + Dialogues.Length + Rejected.Length + States.Length;

    /// <summary>The lines of an item: its tasks, then a kept dialogue, a rejected one, or a paused state.</summary>
    public static OutputLines Of(IReadOnlyList<TaskSpec> tasks, Dialogue? kept, RejectedDialogue? rejected, GenerationState? paused)
    {
        // One buffer for every part: each part is copied out once, at its exact size.
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        using var json = new Utf8JsonWriter(buffer, RelaxedJson.WriterOptions);
        void Line<T>(T value, JsonTypeInfo<T> type)
        {
            JsonSerializer.Serialize(json, value, type);
            json.Flush();
            json.Reset();
            buffer.Write("\n"u8);
        }
        byte[] Take()
        {
            var bytes = buffer.WrittenSpan.ToArray();
            buffer.ResetWrittenCount();
            return bytes;
        }
        byte[] Part<T>(T? value, JsonTypeInfo<T> type) where T : class
        {
            if (value is null) return [];
            Line(value, type);
            return Take();
        }

        foreach (var task in tasks) Line(task, RunJsonContext.Default.TaskSpec);
        return new OutputLines(Take(), Part(kept, DialogueJsonContext.Default.Dialogue), Part(rejected, RunJsonContext.Default.RejectedDialogue),
            Part(paused, RunJsonContext.Default.GenerationState));
    }
}
