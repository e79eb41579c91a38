using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Determinism;

namespace Parley.Mcp;

/// <summary>
/// Invents plausible, seeded values for a tool's arguments from its JSON Schema: required properties only, enums from
/// their list, names, kinds and notes from small word lists, numbers in a small range.
/// </summary>
internal static class ArgumentSynthesizer
{
    private static readonly string[] Given = ["Ada", "Grace", "Alan", "Katherine", "Linus", "Margaret", "Dennis", "Barbara", "Edsger", "Frances", "Ken", "Radia"];
    private static readonly string[] Family = ["Lovelace", "Hopper", "Turing", "Johnson", "Torvalds", "Hamilton", "Ritchie", "Liskov", "Dijkstra", "Allen", "Thompson", "Perlman"];
    private static readonly string[] Kinds = ["person", "project", "organization", "event", "place"];
    private static readonly string[] Notes = ["prefers email over phone", "works on the billing migration", "lives in Lisbon", "joined in March", "is allergic to peanuts", "leads the design review", "speaks Portuguese and German", "owns a grey cat"];

    /// <summary>A value for <paramref name="schema"/>; <paramref name="name"/> is the property it is for.</summary>
    public static JsonNode? Value(JsonElement schema, string name, SeededRandom rng)
    {
        if (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("enum", out var options) && options.ValueKind == JsonValueKind.Array && options.GetArrayLength() > 0)
        {
            return JsonNode.Parse(options[rng.Next(options.GetArrayLength())].GetRawText());
        }
        switch (McpToolShapes.TypeOf(schema))
        {
            case "object":
                var result = new JsonObject();
                var required = schema.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.Array ? r.EnumerateArray().Select(x => x.GetString()).OfType<string>().ToList() : [];
                if (schema.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object)
                {
                    foreach (var property in properties.EnumerateObject().Where(p => required.Contains(p.Name)))
                    {
                        result[property.Name] = Value(property.Value, property.Name, rng);
                    }
                }
                return result;
            case "array":
                var items = schema.TryGetProperty("items", out var i) ? i : default;
                return new JsonArray(Value(items, Singular(name), rng));
            case "integer":
                return JsonValue.Create(rng.NextInRange(1, 20));
            case "number":
                return JsonValue.Create(rng.NextInRange(1, 200) / 2.0);
            case "boolean":
                return JsonValue.Create(true);
            default:
                return JsonValue.Create(Text(name.ToLowerInvariant(), rng));
        }
    }

    private static string Text(string name, SeededRandom rng)
    {
        if (name.Contains("type", StringComparison.Ordinal) || name.Contains("kind", StringComparison.Ordinal) || name.Contains("category", StringComparison.Ordinal)) return rng.Pick(Kinds);
        if (name.Contains("observation", StringComparison.Ordinal) || name.Contains("note", StringComparison.Ordinal) || name.Contains("content", StringComparison.Ordinal)
            || name.Contains("description", StringComparison.Ordinal) || name.Contains("text", StringComparison.Ordinal)) return rng.Pick(Notes);
        if (name.Contains("email", StringComparison.Ordinal)) return $"{rng.Pick(Given).ToLowerInvariant()}.{rng.Pick(Family).ToLowerInvariant()}@example.com";
        if (name.Contains("date", StringComparison.Ordinal)) return $"2025-{rng.NextInRange(1, 12):00}-{rng.NextInRange(1, 28):00}";
        if (name is "relationtype" or "relation" || name.Contains("relation", StringComparison.Ordinal)) return rng.Pick(["works with", "knows", "reports to", "manages"]);
        // Names get a number so that separate dialogues and tasks never create the same record twice.
        return $"{rng.Pick(Given)} {rng.Pick(Family)} {rng.NextInRange(100, 999).ToString(CultureInfo.InvariantCulture)}";
    }

    private static string Singular(string name) => name.EndsWith('s') && name.Length > 1 ? name[..^1] : name;
}
