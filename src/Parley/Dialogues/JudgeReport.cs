namespace Parley.Dialogues;

/// <summary>
/// What the LLM judge concluded about a dialogue: valid or not, the unmet rubric points by severity, and 1–5 scores for
/// the simulated user's naturalness and rule adherence and the agent's helpfulness.
/// </summary>
public sealed record JudgeReport
{
    /// <summary>The judgment when the judge answered.</summary>
    public const string Valid = "valid", Invalid = "invalid", Unavailable = "unavailable";

    /// <summary><c>valid</c>, <c>invalid</c> (a critical issue), or <c>unavailable</c> (the judge's model failed).</summary>
    public required string Judgment { get; init; }

    /// <summary>Whether the dialogue passes the judge: only a valid judgment does (an unavailable judge never passes a dialogue).</summary>
    public required bool Passed { get; init; }

    /// <summary>The names of the judge's scores, in the order it gives them.</summary>
    public static readonly IReadOnlyList<string> ScoreNames = ["user_naturalness", "user_rule_adherence", "agent_helpfulness"];

    /// <summary>Scores 1–5 by name (<c>user_naturalness</c>, <c>user_rule_adherence</c>, <c>agent_helpfulness</c>); empty when unavailable.</summary>
    public IReadOnlyDictionary<string, int> Scores { get => field ?? new Dictionary<string, int>(); init; }

    /// <summary>The unmet rubric points.</summary>
    public IReadOnlyList<JudgeIssue> Issues { get => field ?? []; init; }

    /// <summary>The judge's reasoning, as it gave it.</summary>
    public string? Reasoning { get; init; }

    /// <summary>Why the judge was unavailable (an <see cref="Llm.LlmFailureKind"/> label), or null.</summary>
    public string? Failure { get; init; }

    /// <summary>The prompt file and its content hash, e.g. <c>judge.md@0123456789ab</c>, and the model settings.</summary>
    public required string Prompt { get; init; }

    /// <summary>
    /// The result this report adds to the verdict: <c>judge</c>, failed with the critical reasons, or passed with the
    /// other points as notes; <c>judge_unavailable</c>, failed, when the model gave no judgment (so it is never kept as judged).
    /// </summary>
    public CheckResult ToCheck()
    {
        if (Judgment == Unavailable) return new CheckResult(new CheckName(CheckKind.JudgeUnavailable), Passed, $"the judge's model gave no judgment ({Failure})");
        var critical = Issues.Where(i => i.Severity == JudgeSeverity.Critical).Select(i => i.Description).ToList();
        if (critical.Count > 0) return new CheckResult(new CheckName(CheckKind.Judge), Passed, string.Join("; ", critical));
        var notes = Issues.Select(i => $"[{Label(i.Severity)}] {i.Description}").ToList();
        return new CheckResult(new CheckName(CheckKind.Judge), Passed, notes.Count == 0 ? null : "notes: " + string.Join("; ", notes));
    }

    private static string Label(JudgeSeverity severity) => severity switch
    {
        JudgeSeverity.Critical => "critical",
        JudgeSeverity.Structural => "structural",
        JudgeSeverity.NonCritical => "non_critical",
        _ => "invalid_rubric",
    };

    /// <summary>Tokens the judge spent on this dialogue, repairs included; null when it made no successful call.</summary>
    public TokenUsage? Usage { get; init; }
}
