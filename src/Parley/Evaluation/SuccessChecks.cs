namespace Parley.Evaluation;

/// <summary>What a trial must pass to succeed: every task's end state always, and optionally grounding and the judge.</summary>
[Flags]
public enum SuccessChecks
{
    /// <summary>Every task's database end state equals the one its expected actions produce (always on).</summary>
    EndState = 1,
    /// <summary>Every value the agent states (amount, date, id, number) was given earlier by a tool, the user or the policy.</summary>
    Grounding = 2,
    /// <summary>The LLM judge finds no critical issue.</summary>
    Judge = 4,
}
