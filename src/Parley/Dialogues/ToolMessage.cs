using System.Text.Json.Serialization;

namespace Parley.Dialogues;

/// <summary>The result of one tool call, as the agent sees it (JSON text in <see cref="Message.Content"/>).</summary>
public sealed record ToolMessage : Message
{
    /// <summary>The id of the tool call this message answers.</summary>
    [JsonPropertyName("tool_call_id")]
    public required string ToolCallId { get; init; }

    /// <summary>The name of the tool that was called.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>True when <paramref name="content"/> is a tool failure, <c>{"error": {"kind": ..., "message": ...}}</c>.</summary>
    public static bool IsErrorContent(string? content) => content is not null && content.StartsWith("{\"error\"", StringComparison.Ordinal);
}
