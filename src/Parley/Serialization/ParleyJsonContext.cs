using System.Text.Json;
using System.Text.Json.Serialization;
using Parley.Dialogues;
using Parley.Environments;
using Parley.Evaluation;
using Parley.Export;
using Parley.Quality;
using Parley.Simulation;
using Parley.Tasks;
using Parley.Tools;

namespace Parley.Serialization;

/// <summary>The one source-generated serializer context for every Parley artifact (snake_case, compact, strict on unknown keys).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowOutOfOrderMetadataProperties = true,
    NumberHandling = JsonNumberHandling.Strict,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(EnvironmentSpec))]
[JsonSerializable(typeof(TaskSpec))]
[JsonSerializable(typeof(Dialogue))]
[JsonSerializable(typeof(GenerationState))]
[JsonSerializable(typeof(Manifest))]
[JsonSerializable(typeof(RejectedDialogue))]
[JsonSerializable(typeof(DuplicateReport))]
[JsonSerializable(typeof(TrialRecord))]
[JsonSerializable(typeof(EvaluationResults))]
[JsonSerializable(typeof(IReadOnlyList<HeldOutTask>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(ToolErrorKind))]
[JsonSerializable(typeof(ToolErrorKind?))]
[JsonSerializable(typeof(TerminationReason))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(object))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(Dictionary<string, JsonElement>))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, JsonElement>))]
[JsonSerializable(typeof(IReadOnlyList<ToolDefinition>))]
public sealed partial class ParleyJsonContext : JsonSerializerContext;
