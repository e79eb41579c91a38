namespace Parley.Dialogues;

/// <summary>The outcome of verifying a dialogue: one result per check, never a bare bool.</summary>
public sealed record Verdict(IReadOnlyList<CheckResult> Checks)
{
    /// <summary>True when every check passed.</summary>
    public bool Passed => Checks.All(c => c.Passed);

    /// <summary>The LLM judge's scores and issues, when a judge ran; null otherwise (and omitted from JSON).</summary>
    public JudgeReport? Judge { get; init; }

    /// <summary>The failed checks, each with what it found.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IEnumerable<Problem> Problems => Checks.Where(c => !c.Passed).Select(c => new Problem(c.Name, c.Detail));

    /// <summary>The failure reasons, one line per failed check.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IEnumerable<string> Failures => Problems.Select(p => p.ToString());
}
