using System.Text.Json;
using System.Text.Json.Nodes;

namespace Parley.Design;

/// <summary>
/// One tool parameter as the designer's strict schema asks for it (a list entry, since a strict schema has no free-form
/// <c>properties</c> map); <see cref="ToSchema"/> makes the OpenAI-format parameters object the tool declares.
/// </summary>
internal sealed record ParameterReply
{
    public required string Name { get; init; }
    public required string Type { get; init; }
    public required string Description { get; init; }
    public IReadOnlyList<JsonElement>? Enum { get; init; }
    public required bool Required { get; init; }

    /// <summary>The JSON Schema object <c>{"type": "object", "properties": {…}, "required": […]}</c> of <paramref name="parameters"/>.</summary>
    public static JsonElement ToSchema(IReadOnlyList<ParameterReply> parameters)
    {
        var properties = new JsonObject();
        foreach (var p in parameters)
        {
            var property = new JsonObject { ["type"] = p.Type, ["description"] = p.Description };
            if (p.Enum is { Count: > 0 } values) property["enum"] = new JsonArray([.. values.Select(v => JsonNode.Parse(v.GetRawText()))]);
            properties[p.Name] = property;
        }
        var schema = new JsonObject { ["type"] = "object", ["properties"] = properties };
        var required = parameters.Where(p => p.Required).Select(p => (JsonNode)p.Name).ToArray();
        if (required.Length > 0) schema["required"] = new JsonArray(required);
        return JsonElement.Parse(schema.ToJsonString());
    }

    /// <summary>The entries of a declared parameters object (a draft's or seed tool's), to show the model in the reply's own shape.</summary>
    public static IReadOnlyList<ParameterReply> From(JsonElement parameters)
    {
        var required = parameters.ValueKind == JsonValueKind.Object && parameters.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.Array
            ? r.EnumerateArray().Select(x => x.GetString()).ToHashSet(StringComparer.Ordinal) : [];
        return [.. SampleArguments.Properties(parameters).Select(p => new ParameterReply
        {
            Name = p.Name,
            Type = TypeConsistency.TypeOf(p.Schema) is { } type && DesignSchemas.ValueTypes.Contains(type) ? type : "string",
            Description = p.Schema.ValueKind == JsonValueKind.Object && p.Schema.TryGetProperty("description", out var d) && d.GetString() is { Length: > 0 } text ? text : p.Name.Replace('_', ' '),
            Enum = p.Schema.ValueKind == JsonValueKind.Object && p.Schema.TryGetProperty("enum", out var e) && e.ValueKind == JsonValueKind.Array ? [.. e.EnumerateArray()] : null,
            Required = required.Contains(p.Name),
        })];
    }
}
