namespace Parley.Evaluation;

/// <summary>Which agent an evaluation measures.</summary>
public enum AgentUnderTest
{
    /// <summary>The rule-based oracle agent: the reference ceiling.</summary>
    Oracle,
    /// <summary>The weak baseline: the oracle that never calls a write tool (<see cref="ReadOnlyAgent"/>).</summary>
    ReadOnly,
    /// <summary>A model at an endpoint (the agent role of the <see cref="Llm.LlmSetup"/>).</summary>
    Llm,
}
