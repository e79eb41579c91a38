using System.Text.Json.Serialization;

namespace Parley.Evaluation;

/// <summary>The failure judge's reply, as asked for in <c>failure-attribution.md</c>: a failure kind with its evidence.</summary>
internal sealed record FailureJudgeReply
{
    /// <summary>The reply's one definition: sent (strict) and validated against.</summary>
    public static Llm.ReplySchema Schema { get; } = new("failure_attribution", """
        {
          "type": "object", "additionalProperties": false,
          "required": ["reasoning", "kind", "evidence", "message_index"],
          "properties": {
            "reasoning": {"type": "string"},
            "kind": {"type": "string", "enum": KINDS},
            "evidence": {"type": "string", "pattern": "\\S"},
            "message_index": {"type": ["integer", "null"], "minimum": 1}
          }
        }
        """.Replace("KINDS", "[" + string.Join(", ", FailureKinds.All.Select(k => $"\"{k}\"")) + "]", StringComparison.Ordinal));

    public string? Reasoning { get; init; }

    public required string Kind { get; init; }

    public required string Evidence { get; init; }

    public int? MessageIndex { get; init; }
}

/// <summary>Serializer for the failure judge's replies (model output: unknown keys are tolerated).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(FailureJudgeReply))]
internal sealed partial class FailureJudgeReplyJsonContext : JsonSerializerContext;
