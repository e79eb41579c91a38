using Parley.Dialogues;
using Parley.Tools;

namespace Parley.Simulation;

/// <summary>What the agent may see: the conversation with tool results, its tools, the user's acts (for rule-based agents) and its state.</summary>
public sealed record AgentView(
    DialogueMode Mode,
    IReadOnlyList<Message> Messages,
    ToolCatalog Tools,
    IReadOnlyList<DialogueAct> UserActs,
    AgentState State)
{
    /// <summary>The task plan, shown only to the oracle agent (<see cref="OrchestratorOptions.ShowPlan"/>); null for an agent that finds its own way.</summary>
    internal OraclePlan? Plan { get; init; }

    /// <summary>Whether the agent may make several tool calls in one message; false for one call per message.</summary>
    public bool ParallelToolCalls { get; init; } = true;
}
