using System.Text.Json;
using System.Text.Json.Serialization;

namespace Parley.Dialogues;

/// <summary>A tool as offered to the agent, in the OpenAI <c>tools</c> array format.</summary>
public sealed record ToolDefinition([property: JsonPropertyName("function")] FunctionDefinition Function)
{
    /// <summary>Always <c>function</c>.</summary>
    [JsonPropertyName("type")]
    public string Type { get; init; } = "function";
}

/// <summary>The function part of a tool definition.</summary>
public sealed record FunctionDefinition(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("parameters")] JsonElement Parameters);
