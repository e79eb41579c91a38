using System.Text.Json.Serialization;
using Parley.Dialogues;
using Parley.Environments;
using Parley.Serialization;
using Parley.Simulation;
using Parley.Tasks;

namespace Parley.Runs;

/// <summary>Source-generated JSON for every file of a run folder: dialogues, rejections, tasks, paused states, environments, the manifest.</summary>
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
[JsonSerializable(typeof(RejectedDialogue))]
[JsonSerializable(typeof(TaskSpec))]
[JsonSerializable(typeof(GenerationState))]
[JsonSerializable(typeof(EnvironmentSpec))]
[JsonSerializable(typeof(Manifest))]
internal sealed partial class RunJsonContext : JsonSerializerContext
{
    /// <summary>This context with <see cref="RelaxedJson.Encoder"/>: only what JSON requires is escaped (the run's files and
    /// text a model sees).</summary>
    public static RunJsonContext Relaxed => RelaxedInstance.Value;

    // A nested type so the copy is made after Default exists (static initialisers of partial files run in no set order).
    private static class RelaxedInstance
    {
        internal static readonly RunJsonContext Value = new(RelaxedJson.With(Default.Options));
    }
}
