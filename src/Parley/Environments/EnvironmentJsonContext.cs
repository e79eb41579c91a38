using System.Text.Json.Serialization;

namespace Parley.Environments;

/// <summary>Source-generated JSON for environment declarations.</summary>
/// <remarks>Every Parley context shares these options (snake_case, compact, strict on unknown keys), so a type writes the same
/// bytes whichever context serialises it.</remarks>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowOutOfOrderMetadataProperties = true,
    NumberHandling = JsonNumberHandling.Strict,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(EnvironmentSpec))]
internal sealed partial class EnvironmentJsonContext : JsonSerializerContext;
