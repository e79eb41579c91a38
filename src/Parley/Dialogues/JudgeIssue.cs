namespace Parley.Dialogues;

/// <summary>One rubric point the judge found unmet, and how much it matters.</summary>
public sealed record JudgeIssue(JudgeSeverity Severity, string Description);
