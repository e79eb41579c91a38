using System.Globalization;
using System.Text;
using System.Text.Json;
using Parley.Serialization;

namespace Parley.Evaluation;

/// <summary>
/// A canonical text of a JSON value, for comparing tool arguments: object keys sorted, numbers by value, and a scalar
/// equal to its text whether sent as a string or a number (<c>"5"</c> = <c>5</c>), as tools bind them alike.
/// </summary>
internal static class CanonicalJson
{
    public static string Of(JsonElement value)
    {
        var text = new StringBuilder();
        Write(value, text);
        return text.ToString();
    }

    /// <summary>The canonical text of an arguments string; the raw text when it is not JSON.</summary>
    public static string OfArguments(string arguments)
    {
        try
        {
            using var document = JsonDocument.Parse(arguments.Length == 0 ? "{}" : arguments);
            return Of(document.RootElement);
        }
        catch (JsonException)
        {
            return arguments;
        }
    }

    /// <summary>The scalar leaves of a value, as text (strings as they are, numbers by value).</summary>
    public static IEnumerable<string> Leaves(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var leaf in value.EnumerateObject().SelectMany(p => Leaves(p.Value))) yield return leaf;
                break;
            case JsonValueKind.Array:
                foreach (var leaf in value.EnumerateArray().SelectMany(Leaves)) yield return leaf;
                break;
            case JsonValueKind.String:
                yield return value.GetString()!;
                break;
            case JsonValueKind.Number:
                yield return Number(value);
                break;
        }
    }

    private static void Write(JsonElement value, StringBuilder text)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                text.Append('{');
                var first = true;
                foreach (var property in value.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    if (!first) text.Append(',');
                    first = false;
                    text.Append(JsonSerializer.Serialize(property.Name, PrimitiveJsonContext.Default.String)).Append(':');
                    Write(property.Value, text);
                }
                text.Append('}');
                break;
            case JsonValueKind.Array:
                text.Append('[');
                var i = 0;
                foreach (var item in value.EnumerateArray())
                {
                    if (i++ > 0) text.Append(',');
                    Write(item, text);
                }
                text.Append(']');
                break;
            case JsonValueKind.String:
                var s = value.GetString()!;
                text.Append(decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? Normal(d) : JsonSerializer.Serialize(s, PrimitiveJsonContext.Default.String));
                break;
            case JsonValueKind.Number:
                text.Append(Number(value));
                break;
            default:
                text.Append(value.GetRawText());
                break;
        }
    }

    private static string Number(JsonElement value) =>
        value.TryGetDecimal(out var d) ? Normal(d) : value.GetRawText();

    private static string Normal(decimal d) => (d / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);
}
