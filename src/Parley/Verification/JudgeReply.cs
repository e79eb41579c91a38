using System.Text.Json.Serialization;

namespace Parley.Verification;

/// <summary>The judge model's reply, as asked for in <c>judge.md</c> (reasoning first, judgment last).</summary>
internal sealed record JudgeReply
{
    public string? Reasoning { get; init; }

    public IReadOnlyList<JudgeReplyIssue> Issues { get => field ?? []; init; }

    public required JudgeReplyScores Scores { get; init; }

    public required string Judgment { get; init; }
}

/// <summary>One unmet rubric point in the judge's reply.</summary>
internal sealed record JudgeReplyIssue(string Severity, string Description);

/// <summary>The judge's 1–5 scores.</summary>
internal sealed record JudgeReplyScores(int UserNaturalness, int UserRuleAdherence, int AgentHelpfulness);

/// <summary>
/// Serializer for the judge's replies. Replies are model output, not artifacts: unknown keys are tolerated (models add
/// fields), unlike <see cref="Serialization.ParleyJsonContext"/>, which is strict.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(JudgeReply))]
internal sealed partial class JudgeReplyJsonContext : JsonSerializerContext;
