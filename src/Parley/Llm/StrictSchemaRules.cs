using System.Text.Json;

namespace Parley.Llm;

/// <summary>
/// OpenAI's rules for <c>strict: true</c> structured outputs: every object lists all its properties as required and
/// sets <c>additionalProperties: false</c>, and only the supported keywords appear (types, enum, const, anyOf, items,
/// $ref/$defs; pattern and format for strings; bounds and multipleOf for numbers; minItems and maxItems for arrays).
/// </summary>
internal static class StrictSchemaRules
{
    private static readonly HashSet<string> Supported = new(StringComparer.Ordinal)
    {
        "type", "properties", "required", "additionalProperties", "items", "enum", "const", "anyOf", "$ref", "$defs", "description", "title",
        "pattern", "format", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minItems", "maxItems",
    };

    /// <summary>Every place <paramref name="schema"/> breaks the rules, as "path: problem"; empty when it meets them.</summary>
    public static IReadOnlyList<string> Problems(JsonElement schema)
    {
        var problems = new List<string>();
        Walk(schema, "#", problems);
        return problems;
    }

    private static void Walk(JsonElement schema, string path, List<string> problems)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{path}: a schema must be an object");
            return;
        }
        foreach (var keyword in schema.EnumerateObject().Where(p => !Supported.Contains(p.Name))) problems.Add($"{path}: '{keyword.Name}' is not supported");
        if (schema.TryGetProperty("properties", out var properties))
        {
            if (!schema.TryGetProperty("additionalProperties", out var extra) || extra.ValueKind != JsonValueKind.False) problems.Add($"{path}: additionalProperties must be false");
            var required = schema.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(x => x.GetString()).ToHashSet() : [];
            foreach (var property in properties.EnumerateObject())
            {
                if (!required.Contains(property.Name)) problems.Add($"{path}/properties/{property.Name}: must be required (make it nullable instead)");
                Walk(property.Value, $"{path}/properties/{property.Name}", problems);
            }
        }
        else if (schema.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "object")
        {
            problems.Add($"{path}: an object must declare its properties (free-form objects are not allowed)");
        }
        if (schema.TryGetProperty("items", out var items)) Walk(items, path + "/items", problems);
        foreach (var name in new[] { "anyOf" })
        {
            if (schema.TryGetProperty(name, out var list)) foreach (var (option, i) in list.EnumerateArray().Select((o, i) => (o, i))) Walk(option, $"{path}/{name}/{i}", problems);
        }
        if (schema.TryGetProperty("$defs", out var defs)) foreach (var def in defs.EnumerateObject()) Walk(def.Value, $"{path}/$defs/{def.Name}", problems);
    }
}
