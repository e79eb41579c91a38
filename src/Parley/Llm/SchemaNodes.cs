using System.Text.Json.Nodes;

namespace Parley.Llm;

/// <summary>
/// The pieces reply schemas are built from, each already within OpenAI's strict rules (<see cref="StrictSchemaRules"/>):
/// objects list every property as required and allow no others; an optional value is a nullable one.
/// </summary>
internal static class SchemaNodes
{
    /// <summary>A closed object: every property required, no others allowed.</summary>
    public static JsonObject Object(params (string Name, JsonNode Schema)[] properties) => new()
    {
        ["type"] = "object",
        ["additionalProperties"] = false,
        ["required"] = new JsonArray([.. properties.Select(p => (JsonNode)p.Name)]),
        ["properties"] = new JsonObject(properties.Select(p => KeyValuePair.Create(p.Name, (JsonNode?)p.Schema))),
    };

    /// <summary>An array of <paramref name="items"/>, with bounds when given.</summary>
    public static JsonObject Array(JsonNode items, int? min = null, int? max = null)
    {
        var array = new JsonObject { ["type"] = "array" };
        if (min is { } lo) array["minItems"] = lo;
        if (max is { } hi) array["maxItems"] = hi;
        array["items"] = items;
        return array;
    }

    /// <summary>A string with at least one non-blank character.</summary>
    public static JsonObject NonBlank() => Matching("\\S");

    /// <summary>A string matching <paramref name="pattern"/>.</summary>
    public static JsonObject Matching(string pattern) => new() { ["type"] = "string", ["pattern"] = pattern };

    /// <summary>One of <paramref name="values"/>.</summary>
    public static JsonObject OneOf(IEnumerable<string> values) => new() { ["type"] = "string", ["enum"] = new JsonArray([.. values.Select(v => (JsonNode)v)]) };

    /// <summary>A value of any of the JSON <paramref name="types"/> (e.g. <c>string</c>, <c>null</c>).</summary>
    public static JsonObject Types(params string[] types) => new() { ["type"] = new JsonArray([.. types.Select(t => (JsonNode)t)]) };

    /// <summary><paramref name="schema"/> or null: how a strict schema says "optional".</summary>
    public static JsonObject Nullable(JsonNode schema) => new() { ["anyOf"] = new JsonArray(schema, new JsonObject { ["type"] = "null" }) };
}
