using System.Text.Json;
using Parley.Dialogues;
using Parley.Serialization;
using Parley.Simulation;
using Parley.Tasks;

namespace Parley.Export;

/// <summary>
/// One item's lines for each run file, serialised to UTF-8 ahead of writing: the generation stages serialise in
/// parallel, and a finished item waiting for its turn in index order is held (or spilled) as bytes, not objects.
/// </summary>
public sealed record OutputLines(byte[] Tasks, byte[] Dialogues, byte[] Rejected, byte[] States)
{
    /// <summary>Bytes in all files.</summary>
    public long Length => Tasks.Length + Dialogues.Length + Rejected.Length + States.Length;

    /// <summary>The lines of an item: its tasks, then a kept dialogue, a rejected one, or a paused state.</summary>
    public static OutputLines Of(IReadOnlyList<TaskSpec> tasks, Dialogue? kept, RejectedDialogue? rejected, GenerationState? paused)
    {
        using var buffer = new MemoryStream();
        foreach (var task in tasks) Line(buffer, task, ParleyJsonContext.Default.TaskSpec);
        return new OutputLines(
            buffer.ToArray(),
            kept is null ? [] : Line(kept, ParleyJsonContext.Default.Dialogue),
            rejected is null ? [] : Line(rejected, ParleyJsonContext.Default.RejectedDialogue),
            paused is null ? [] : Line(paused, ParleyJsonContext.Default.GenerationState));
    }

    private static byte[] Line<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        using var buffer = new MemoryStream();
        Line(buffer, value, type);
        return buffer.ToArray();
    }

    private static void Line<T>(Stream stream, T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        using (var json = new Utf8JsonWriter(stream))
        {
            JsonSerializer.Serialize(json, value, type);
        }
        stream.WriteByte((byte)'\n');
    }
}
