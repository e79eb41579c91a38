using System.Text.Json.Serialization;

namespace Parley.Export;

/// <summary>
/// A message of a <see cref="ParquetRow"/>; fields a role does not use are null (a Parquet struct has every field), so a
/// loader drops the null keys before a chat template sees the message (the dataset card shows how).
/// </summary>
internal sealed record ParquetMessage
{
    /// <summary><c>system</c>, <c>user</c>, <c>assistant</c> or <c>tool</c>.</summary>
    [JsonPropertyName("role")] public string Role { get; init; } = "";

    /// <summary>The text; empty for an assistant message that only calls tools, never null.</summary>
    [JsonPropertyName("content")] public string Content { get; init; } = "";

    /// <summary>The assistant's tool calls; null when it calls none.</summary>
    [JsonPropertyName("tool_calls")] public List<ParquetToolCall>? ToolCalls { get; init; }

    /// <summary>For a tool message: the call it answers.</summary>
    [JsonPropertyName("tool_call_id")] public string? ToolCallId { get; init; }

    /// <summary>The assistant's reasoning, only with reasoning included.</summary>
    [JsonPropertyName("reasoning_content")] public string? ReasoningContent { get; init; }
}
