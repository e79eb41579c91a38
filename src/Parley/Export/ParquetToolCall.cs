using System.Text.Json.Serialization;

namespace Parley.Export;

/// <summary>A tool call of a <see cref="ParquetMessage"/>: <c>{id, type: "function", function: {name, arguments}}</c>.</summary>
internal sealed record ParquetToolCall
{
    /// <summary>The call id.</summary>
    [JsonPropertyName("id")] public string Id { get; init; } = "";

    /// <summary>Always <c>function</c>.</summary>
    [JsonPropertyName("type")] public string Type { get; init; } = "function";

    /// <summary>The function called.</summary>
    [JsonPropertyName("function")] public ParquetFunctionCall Function { get; init; } = new();
}

/// <summary>The function of a <see cref="ParquetToolCall"/>; <see cref="Arguments"/> is a JSON object serialised as a string, as OpenAI sends it.</summary>
internal sealed record ParquetFunctionCall
{
    /// <summary>The tool's name.</summary>
    [JsonPropertyName("name")] public string Name { get; init; } = "";

    /// <summary>The arguments as JSON text.</summary>
    [JsonPropertyName("arguments")] public string Arguments { get; init; } = "{}";
}
