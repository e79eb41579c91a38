using System.Text.Json.Serialization;

namespace Parley.Verification;

/// <summary>The judge model's reply, as asked for in <c>judge.md</c> (reasoning first, judgment last).</summary>
internal sealed record JudgeReply
{
    /// <summary>The reply's one definition: sent (strict) and validated against. Scores are whole numbers from 1 to 5.</summary>
    public static Llm.ReplySchema Schema { get; } = new("judge_reply", """
        {
          "type": "object", "additionalProperties": false,
          "required": ["reasoning", "issues", "scores", "judgment"],
          "properties": {
            "reasoning": {"type": "string"},
            "issues": {"type": "array", "items": {
              "type": "object", "additionalProperties": false, "required": ["severity", "description"],
              "properties": {
                "severity": {"type": "string", "enum": ["critical", "structural", "non_critical", "invalid_rubric"]},
                "description": {"type": "string", "pattern": "\\S"}}}},
            "scores": {
              "type": "object", "additionalProperties": false,
              "required": ["user_naturalness", "user_rule_adherence", "agent_helpfulness"],
              "properties": {
                "user_naturalness": SCORE,
                "user_rule_adherence": SCORE,
                "agent_helpfulness": SCORE}},
            "judgment": {"type": "string", "enum": ["valid", "invalid"]}
          }
        }
        """.Replace("SCORE", $"{{\"type\": \"integer\", \"minimum\": {MinScore}, \"maximum\": {MaxScore}}}", StringComparison.Ordinal));

    /// <summary>The score range, in the schema and the prompt.</summary>
    public const int MinScore = 1, MaxScore = 5;

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
/// fields), unlike Parley's JSON contexts, which is strict.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(JudgeReply))]
internal sealed partial class JudgeReplyJsonContext : JsonSerializerContext;
