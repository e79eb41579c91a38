using System.Text.Json.Serialization;

namespace Parley.Dialogues;

/// <summary>A message written by the agent: text, tool calls, or both.</summary>
public sealed record AssistantMessage : Message
{
    /// <summary>The tool calls the agent makes in this message, answered by the tool messages that follow.</summary>
    [JsonPropertyName("tool_calls")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ToolCall>? ToolCalls { get; init; }

    /// <summary>The agent's reasoning before this message, when the engine produced one.</summary>
    [JsonPropertyName("reasoning_content")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ReasoningContent { get; init; }
}
