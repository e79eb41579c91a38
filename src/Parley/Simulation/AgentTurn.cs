using Parley.Dialogues;

namespace Parley.Simulation;

/// <summary>The agent's message (text and/or tool calls), its acts and its new state.</summary>
public sealed record AgentTurn(AgentState State)
{
    /// <summary>Text for the user, or null.</summary>
    public string? Text { get; init; }

    /// <summary>Tool calls to run, or null.</summary>
    public IReadOnlyList<ToolCall>? ToolCalls { get; init; }

    /// <summary>Reasoning to record, if any.</summary>
    public string? Reasoning { get; init; }

    /// <summary>The acts the message performs.</summary>
    public IReadOnlyList<DialogueAct> Acts { get; init; } = [];

    /// <summary>Tokens the turn's model calls spent (repairs included); null for a rule-based agent.</summary>
    public TokenUsage? Usage { get; init; }

    /// <summary>Calls in this turn to tools the agent was not given (they still run, and get the unknown-tool error result).</summary>
    public int UnknownToolCalls { get; init; }
}
