using System.Text.Json.Serialization;

namespace Parley.Evaluation;

/// <summary>Source-generated JSON for evaluation results, trials and held-out tasks.</summary>
/// <remarks>Every Parley context shares these options (snake_case, compact, strict on unknown keys), so a type writes the same
/// bytes whichever context serialises it.</remarks>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowOutOfOrderMetadataProperties = true,
    NumberHandling = JsonNumberHandling.Strict,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(TrialRecord))]
[JsonSerializable(typeof(EvaluationResults))]
[JsonSerializable(typeof(IReadOnlyList<HeldOutTask>))]
internal sealed partial class EvaluationJsonContext : JsonSerializerContext;
