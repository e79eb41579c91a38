using System.Text.Json.Serialization;
using Parley.Serialization;

namespace Parley.Dialogues;

/// <summary>Source-generated JSON for the data model: dialogues, tool definitions and their kinds.</summary>
/// <remarks>Every Parley context shares these options (snake_case, compact, strict on unknown keys), so a type writes the same
/// bytes whichever context serialises it.</remarks>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowOutOfOrderMetadataProperties = true,
    NumberHandling = JsonNumberHandling.Strict,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(Dialogue))]
[JsonSerializable(typeof(ToolDefinition))]
[JsonSerializable(typeof(IReadOnlyList<ToolDefinition>))]
[JsonSerializable(typeof(ToolErrorKind))]
[JsonSerializable(typeof(ToolErrorKind?))]
[JsonSerializable(typeof(TerminationReason))]
[JsonSerializable(typeof(DialogueMode))]
public sealed partial class DialogueJsonContext : JsonSerializerContext
{
    /// <summary>This context with <see cref="RelaxedJson.Encoder"/>: only what JSON requires is escaped (the run's files and
    /// text a model sees).</summary>
    public static DialogueJsonContext Relaxed => RelaxedInstance.Value;

    // A nested type so the copy is made after Default exists (static initialisers of partial files run in no set order).
    private static class RelaxedInstance
    {
        internal static readonly DialogueJsonContext Value = new(RelaxedJson.With(Default.Options));
    }
}
