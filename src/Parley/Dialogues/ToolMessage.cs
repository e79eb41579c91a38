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
}
