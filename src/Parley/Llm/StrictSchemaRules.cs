using System.Text.Json;

namespace Parley.Llm;

/// <summary>
/// OpenAI's rules for <c>strict: true</c> structured outputs: every object lists all its properties as required and
/// sets <c>additionalProperties: false</c>, and only the supported keywords appear (types, enum, const, anyOf, items,
/// $ref/$defs; pattern and format for strings; bounds and multipleOf for numbers; minItems and maxItems for arrays),
/// the root is an object, and the size limits hold (<see cref="MaxDepth"/>, <see cref="MaxProperties"/>,
/// <see cref="MaxEnumValues"/>, <see cref="MaxNameLength"/>, <see cref="MaxLargeEnumLength"/>).
/// </summary>
/// <remarks>
/// The limits are those of OpenAI's "Supported schemas" guide for Structured Outputs as of 2026 (they were 100
/// properties and 5 levels at launch in 2024): a schema over them is refused with a 400, so it is sent without strict.
/// </remarks>
internal static class StrictSchemaRules
{
    /// <summary>Object levels, the root object being the first.</summary>
    public const int MaxDepth = 10;

    /// <summary>Object properties in the whole schema.</summary>
    public const int MaxProperties = 5000;

    /// <summary>Enum values in the whole schema.</summary>
    public const int MaxEnumValues = 1000;

    /// <summary>Characters of every property name, definition name, enum value and const value together.</summary>
    public const int MaxNameLength = 120_000;

    /// <summary>Characters of the values of one string enum that has more than <see cref="LargeEnum"/> values.</summary>
    public const int MaxLargeEnumLength = 15_000, LargeEnum = 250;

    private static readonly HashSet<string> Supported = new(StringComparer.Ordinal)
    {
        "type", "properties", "required", "additionalProperties", "items", "enum", "const", "anyOf", "$ref", "$defs", "description", "title",
        "pattern", "format", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "minItems", "maxItems",
    };

    /// <summary>Every place <paramref name="schema"/> breaks the rules, as "path: problem"; empty when it meets them.</summary>
    public static IReadOnlyList<string> Problems(JsonElement schema)
    {
        var problems = new List<string>();
        if (schema.ValueKind == JsonValueKind.Object && (schema.TryGetProperty("anyOf", out _) || !IsObject(schema))) problems.Add("#: the root must be an object, not anyOf");
        Walk(schema, "#", problems);
        var size = new Size();
        Measure(schema, 0, "#", size, problems);
        if (size.Depth > MaxDepth) problems.Add($"#: objects nest {size.Depth} levels deep (at most {MaxDepth})");
        if (size.Properties > MaxProperties) problems.Add($"#: {size.Properties} object properties (at most {MaxProperties})");
        if (size.EnumValues > MaxEnumValues) problems.Add($"#: {size.EnumValues} enum values (at most {MaxEnumValues})");
        if (size.NameLength > MaxNameLength) problems.Add($"#: names and enum values total {size.NameLength} characters (at most {MaxNameLength})");
        return problems;
    }

    private sealed class Size
    {
        public int Depth, Properties, EnumValues, NameLength;
    }

    private static bool IsObject(JsonElement schema) =>
        schema.TryGetProperty("type", out var type) && (type.ValueKind == JsonValueKind.String ? type.GetString() == "object" : type.ValueKind == JsonValueKind.Array && type.EnumerateArray().Any(t => t.GetString() == "object"));

    private static void Measure(JsonElement schema, int depth, string path, Size size, List<string> problems)
    {
        if (schema.ValueKind != JsonValueKind.Object) return;
        if (IsObject(schema) || schema.TryGetProperty("properties", out _)) size.Depth = Math.Max(size.Depth, ++depth);
        if (schema.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array)
        {
            var strings = values.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!.Length).ToList();
            size.EnumValues += values.GetArrayLength();
            size.NameLength += strings.Sum();
            if (values.GetArrayLength() > LargeEnum && strings.Sum() > MaxLargeEnumLength)
            {
                problems.Add($"{path}: an enum of {values.GetArrayLength()} values totals {strings.Sum()} characters (at most {MaxLargeEnumLength} past {LargeEnum} values)");
            }
        }
        if (schema.TryGetProperty("const", out var constant) && constant.ValueKind == JsonValueKind.String) size.NameLength += constant.GetString()!.Length;
        if (schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in properties.EnumerateObject())
            {
                size.Properties++;
                size.NameLength += property.Name.Length;
                Measure(property.Value, depth, $"{path}/properties/{property.Name}", size, problems);
            }
        }
        if (schema.TryGetProperty("items", out var items)) Measure(items, depth, path + "/items", size, problems);
        if (schema.TryGetProperty("anyOf", out var options) && options.ValueKind == JsonValueKind.Array)
        {
            foreach (var (option, i) in options.EnumerateArray().Select((o, i) => (o, i))) Measure(option, depth, $"{path}/anyOf/{i}", size, problems);
        }
        if (schema.TryGetProperty("$defs", out var defs) && defs.ValueKind == JsonValueKind.Object)
        {
            foreach (var def in defs.EnumerateObject())
            {
                size.NameLength += def.Name.Length;
                Measure(def.Value, depth, $"{path}/$defs/{def.Name}", size, problems);
            }
        }
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
