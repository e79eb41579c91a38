using System.Text.Json;
using Parley.Dialogues;
using Parquet;
using Parquet.Serialization;

namespace Parley.Export;

/// <summary>Writes dialogues as Parquet rows (<see cref="ParquetRow"/>) that Hugging Face <c>datasets</c> loads as they are.</summary>
internal static class ParquetExporter
{
    // Rows are written a batch at a time, one row group each, so a large run is never held twice in memory.
    private const int RowsPerGroup = 1_000;

    /// <summary>Writes the samples of <paramref name="dialogues"/> to <paramref name="output"/> (seekable); returns how many rows were written.</summary>
    /// <param name="dialogues">The dialogues to export.</param>
    /// <param name="split">The value of the <c>split</c> column (<c>train</c>, <c>validation</c>).</param>
    /// <param name="output">A readable, writable, seekable stream, such as a new file.</param>
    /// <param name="includeReasoning">Keep the assistant's <c>reasoning_content</c>.</param>
    /// <param name="perTurn">One row per assistant message (the conversation up to it) instead of one per dialogue.</param>
    /// <param name="cancellationToken">Cancels writing.</param>
    public static async Task<int> WriteAsync(IEnumerable<Dialogue> dialogues, string split, Stream output, bool includeReasoning = false, bool perTurn = false, CancellationToken cancellationToken = default)
    {
        var rows = dialogues.SelectMany(d => DatasetExporter.Samples([d], perTurn).Select(s => Row(s, d.Id, split, includeReasoning)));
        var count = 0;
        foreach (var batch in rows.Chunk(RowsPerGroup))
        {
            await ParquetSerializer.SerializeAsync(batch, output, new ParquetOptions { Append = count > 0 }, cancellationToken: cancellationToken);
            count += batch.Length;
        }
        // An empty split still gets a valid file with the schema, so data_files globs never point at nothing.
        if (count == 0) await ParquetSerializer.SerializeAsync(Array.Empty<ParquetRow>(), output, cancellationToken: cancellationToken);
        return count;
    }

    /// <summary>The row of one sample, its messages mapped exactly as the OpenAI JSONL export maps them.</summary>
    internal static ParquetRow Row(Dialogue sample, string dialogueId, string split, bool includeReasoning)
    {
        var m = sample.Metadata;
        return new ParquetRow
        {
            Id = sample.Id,
            DialogueId = dialogueId,
            Domain = m.Domain,
            EnvironmentId = m.EnvironmentId,
            Mode = m.Mode.Name(),
            Messages = [.. sample.Messages.Select(message => Message(message, includeReasoning))],
            Tools = JsonSerializer.Serialize(sample.Tools, DialogueJsonContext.Relaxed.IReadOnlyListToolDefinition),
            NumTurns = sample.Messages.Count(x => x is not SystemMessage),
            NumToolCalls = sample.Messages.OfType<AssistantMessage>().Sum(a => a.ToolCalls?.Count ?? 0),
            NumTasks = m.Counts.Tasks,
            Verdict = m.Verdict is null ? "unverified" : m.Verdict.Passed ? "passed" : "failed",
            Termination = JsonSerializer.Serialize(m.Termination, DialogueJsonContext.Default.TerminationReason).Trim('"'),
            Split = split,
        };
    }

    private static ParquetMessage Message(Message message, bool includeReasoning)
    {
        var calls = message is AssistantMessage { ToolCalls: { Count: > 0 } c } ? c : null;
        return new ParquetMessage
        {
            Role = message switch { SystemMessage => "system", UserMessage => "user", AssistantMessage => "assistant", _ => "tool" },
            Content = message.Content,
            ToolCalls = calls?.Select(call => new ParquetToolCall { Id = call.Id, Function = new ParquetFunctionCall { Name = call.Function.Name, Arguments = call.Function.Arguments } }).ToList(),
            ToolCallId = (message as ToolMessage)?.ToolCallId,
            ReasoningContent = includeReasoning && message is AssistantMessage { ReasoningContent: { Length: > 0 } r } ? r : null,
        };
    }
}
