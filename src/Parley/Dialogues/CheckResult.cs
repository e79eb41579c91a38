namespace Parley.Dialogues;

/// <summary>The result of one verification check (structure, end state, judge...).</summary>
public sealed record CheckResult(string Name, bool Passed, string? Detail = null);
