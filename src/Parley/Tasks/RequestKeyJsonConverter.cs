using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Parley.Tasks;

/// <summary>Reads and writes a <see cref="RequestKey"/> as its <c>task:request</c> string, also as a dictionary key.</summary>
internal sealed class RequestKeyJsonConverter : JsonConverter<RequestKey>
{
    public override RequestKey Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Parse(reader.GetString());

    public override void Write(Utf8JsonWriter writer, RequestKey value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());

    public override RequestKey ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Parse(reader.GetString());

    public override void WriteAsPropertyName(Utf8JsonWriter writer, RequestKey value, JsonSerializerOptions options) => writer.WritePropertyName(value.ToString());

    private static RequestKey Parse(string? text)
    {
        var colon = text?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (colon > 0 && int.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var task)
            && int.TryParse(text.AsSpan(colon + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var request))
        {
            return new RequestKey(task, request);
        }
        throw new JsonException($"'{text}' is not a task:request key");
    }
}
