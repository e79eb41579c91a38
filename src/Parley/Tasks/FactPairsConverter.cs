using System.Text.Json;
using System.Text.Json.Serialization;

namespace Parley.Tasks;

/// <summary>Facts as the planner's strict schema gives them (<c>{name, value}</c> pairs), read as name → value.</summary>
internal sealed class FactPairsConverter : JsonConverter<Dictionary<string, JsonElement>>
{
    /// <inheritdoc />
    public override Dictionary<string, JsonElement> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        NamedValues.Read(ref reader, "facts");

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, Dictionary<string, JsonElement> value, JsonSerializerOptions options) => NamedValues.Write(writer, value);
}
