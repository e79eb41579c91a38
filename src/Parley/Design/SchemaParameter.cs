using System.Text.Json;
using System.Text.Json.Nodes;

namespace Parley.Design;

/// <summary>One parameter of a tool written over a brought database.</summary>
internal sealed record SchemaParameter(string Name, string Type, string Description, bool Required = true)
{
    /// <summary>The only values allowed, empty when open.</summary>
    public IReadOnlyList<string> Enum { get; init; } = [];

    /// <summary>The lowest number allowed, or null.</summary>
    public double? Minimum { get; init; }

    /// <summary>The JSON Schema object of a tool's parameters.</summary>
    public static JsonElement Schema(IEnumerable<SchemaParameter> parameters)
    {
        var properties = new JsonObject();
        var required = new JsonArray();
        foreach (var p in parameters)
        {
            var property = new JsonObject { ["type"] = p.Type, ["description"] = p.Description };
            if (p.Enum.Count > 0)
            {
                property["enum"] = new JsonArray([.. p.Enum.Select(v => p.Type == "integer" && long.TryParse(v, out var l) ? JsonValue.Create(l) : (JsonNode?)JsonValue.Create(v))]);
            }
            if (p.Minimum is { } min) property["minimum"] = p.Type == "integer" ? JsonValue.Create((long)Math.Ceiling(min)) : JsonValue.Create(min);
            properties[p.Name] = property;
            if (p.Required) required.Add(p.Name);
        }
        var schema = new JsonObject { ["type"] = "object", ["properties"] = properties, ["required"] = required };
        return JsonElement.Parse(schema.ToJsonString());
    }
}
