using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
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
        // One buffer for every part: each part is copied out once, at its exact size.
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        using var json = new Utf8JsonWriter(buffer);
        foreach (var task in tasks) Line(json, buffer, task, ParleyJsonContext.Default.TaskSpec);
        var taskLines = Take(buffer);
        return new OutputLines(
            taskLines,
            kept is null ? [] : Take(Line(json, buffer, kept, ParleyJsonContext.Default.Dialogue)),
            rejected is null ? [] : Take(Line(json, buffer, rejected, ParleyJsonContext.Default.RejectedDialogue)),
            paused is null ? [] : Take(Line(json, buffer, paused, ParleyJsonContext.Default.GenerationState)));
    }

    private static ArrayBufferWriter<byte> Line<T>(Utf8JsonWriter json, ArrayBufferWriter<byte> buffer, T value, JsonTypeInfo<T> type)
    {
        JsonSerializer.Serialize(json, value, type);
        json.Flush();
        json.Reset();
        buffer.Write("\n"u8);
        return buffer;
    }

    private static byte[] Take(ArrayBufferWriter<byte> buffer)
    {
        var bytes = buffer.WrittenSpan.ToArray();
        buffer.ResetWrittenCount();
        return bytes;
    }
}
