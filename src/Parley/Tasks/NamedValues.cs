using System.Text.Json;

namespace Parley.Tasks;

/// <summary>
/// Reads the <c>[{"name": …, "value": …}]</c> pairs a strict schema asks for in place of a free-form object; a name
/// given twice is a mismatch the model is sent back to fix.
/// </summary>
internal static class NamedValues
{
    /// <summary>The pairs at the reader as name → value, in order.</summary>
    /// <exception cref="JsonException">Not an array of pairs, or a name given twice.</exception>
    public static Dictionary<string, JsonElement> Read(ref Utf8JsonReader reader, string what)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var pairs = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (document.RootElement.ValueKind != JsonValueKind.Array) throw new JsonException($"{what} must be an array of {{\"name\", \"value\"}} pairs");
        foreach (var pair in document.RootElement.EnumerateArray())
        {
            if (pair.ValueKind != JsonValueKind.Object || !pair.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String
                || !pair.TryGetProperty("value", out var value))
            {
                throw new JsonException($"{what} must be an array of {{\"name\", \"value\"}} pairs");
            }
            if (!pairs.TryAdd(name.GetString()!, value.Clone())) throw new JsonException($"{what}: '{name.GetString()}' is given twice");
        }
        return pairs;
    }

    /// <summary>Writes <paramref name="pairs"/> back as name/value pairs.</summary>
    public static void Write(Utf8JsonWriter writer, IEnumerable<KeyValuePair<string, JsonElement>> pairs)
    {
        writer.WriteStartArray();
        foreach (var (name, value) in pairs)
        {
            writer.WriteStartObject();
            writer.WriteString("name", name);
            writer.WritePropertyName("value");
            value.WriteTo(writer);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }
}
