using System.Text.Json;
using System.Text.Json.Serialization;

namespace Parley.Tasks;

/// <summary>A call's arguments as the planner's strict schema gives them (<c>{name, value}</c> pairs), read as one JSON object.</summary>
internal sealed class ArgumentPairsConverter : JsonConverter<JsonElement>
{
    /// <inheritdoc />
    public override JsonElement Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var pairs = NamedValues.Read(ref reader, "arguments");
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in pairs)
            {
                writer.WritePropertyName(name);
                value.WriteTo(writer);
            }
            writer.WriteEndObject();
        }
        return JsonElement.Parse(buffer.WrittenSpan);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, JsonElement value, JsonSerializerOptions options) =>
        NamedValues.Write(writer, value.ValueKind == JsonValueKind.Object ? value.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value)) : []);
}
