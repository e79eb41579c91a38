using System.Text.Json;
using System.Text.Json.Serialization;

namespace Parley.Tasks;

/// <summary>The planner model's reply, as asked for in <c>task-planner.md</c> and shaped by <see cref="TaskPlanSchema"/>.</summary>
internal sealed record TaskPlanReply
{
    public required IReadOnlyList<TaskDraft> Tasks { get; init; }
}

/// <summary>One task as the model wrote it, before Parley runs its calls.</summary>
internal sealed record TaskDraft
{
    public required string Goal { get; init; }

    public string? Difficulty { get; init; }

    [JsonConverter(typeof(FactPairsConverter))]
    public Dictionary<string, JsonElement>? UserFacts { get; init; }

    [JsonConverter(typeof(FactPairsConverter))]
    public Dictionary<string, JsonElement>? HiddenFacts { get; init; }

    public required IReadOnlyList<SubRequestDraft> SubRequests { get; init; }

    [JsonConverter(typeof(FactPairsConverter))]
    public Dictionary<string, JsonElement>? MindChanges { get; init; }

    public int? BuildsOn { get; init; }
}

/// <summary>One sub-request as the model wrote it: utterances with <c>{fact}</c> placeholders and calls with concrete arguments.</summary>
internal sealed record SubRequestDraft
{
    public required string Goal { get; init; }

    public required IReadOnlyList<string> Utterances { get; init; }

    public required IReadOnlyList<CallDraft> Calls { get; init; }

    public IReadOnlyList<string>? FollowUps { get; init; }
}

/// <summary>A tool call with concrete arguments.</summary>
internal sealed record CallDraft
{
    public required string Tool { get; init; }

    [JsonConverter(typeof(ArgumentPairsConverter))]
    public JsonElement Arguments { get; init; }
}

/// <summary>
/// Serializer for the planner's replies. Replies are model output, not artifacts: unknown keys are tolerated (models add
/// fields), unlike Parley's JSON contexts, which is strict.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(TaskPlanReply))]
internal sealed partial class TaskPlanReplyJsonContext : JsonSerializerContext;
