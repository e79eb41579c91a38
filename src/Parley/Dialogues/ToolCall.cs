using System.Text.Json.Serialization;

namespace Parley.Dialogues;

/// <summary>A tool call in the OpenAI format: <c>{"id", "type": "function", "function": {"name", "arguments"}}</c>.</summary>
public sealed record ToolCall(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("function")] FunctionCall Function)
{
    /// <summary>Always <c>function</c>.</summary>
    [JsonPropertyName("type")]
    public string Type { get; init; } = "function";
}

/// <summary>The function part of a tool call; <see cref="Arguments"/> is a JSON object serialised as a string, as OpenAI sends it.</summary>
public sealed record FunctionCall(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("arguments")] string Arguments);
