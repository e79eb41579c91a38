using System.Text.Json;
using System.Text.Json.Serialization;

namespace Parley.Serialization;

/// <summary>Source-generated JSON for primitives and free-form JSON (tool arguments, row values, string maps).</summary>
/// <remarks>Every Parley context shares these options (snake_case, compact, strict on unknown keys), so a type writes the same
/// bytes whichever context serialises it.</remarks>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowOutOfOrderMetadataProperties = true,
    NumberHandling = JsonNumberHandling.Strict,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(object))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(Dictionary<string, JsonElement>))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, JsonElement>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class PrimitiveJsonContext : JsonSerializerContext
{
    /// <summary>This context with <see cref="RelaxedJson.Encoder"/>: only what JSON requires is escaped (the run's files and
    /// text a model sees).</summary>
    public static PrimitiveJsonContext Relaxed => RelaxedInstance.Value;

    // A nested type so the copy is made after Default exists (static initialisers of partial files run in no set order).
    private static class RelaxedInstance
    {
        internal static readonly PrimitiveJsonContext Value = new(RelaxedJson.With(Default.Options));
    }
}
