namespace Parley.Simulation;

/// <summary>Limits of the dialogue loop.</summary>
internal sealed record OrchestratorOptions
{
    /// <summary>The most turns (messages after the system prompt) a dialogue may have before it is stopped.</summary>
    public int MaxTurns { get; init; } = 200;

    /// <summary>
    /// Derive the agent's acts from what it did, for an agent that emits none (an LLM): a sub-request whose expected
    /// calls all succeeded is completed (a task's end state is hashed as its last one completes) and, once the user has
    /// asked for it, reported at the agent's next text; questions naming a fact the user knows are asks. Rule-based
    /// users need these acts; LLM users read the text.
    /// </summary>
    public bool InferAgentActs { get; init; }

    /// <summary>
    /// Show the agent the task plan (<see cref="AgentView.Plan"/>): for the rule-based oracle agent, which plays a perfect
    /// planner. Never for an agent played by a model: it must find the calls itself.
    /// </summary>
    public bool ShowPlan { get; init; }

    /// <summary>Whether the agent may make several tool calls in one message (<see cref="AgentView.ParallelToolCalls"/>).</summary>
    public bool ParallelToolCalls { get; init; } = true;
}
