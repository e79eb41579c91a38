using Parley.Dialogues;

namespace Parley.Simulation;

/// <summary>
/// The user's message and its termination contract: whether the current task is done, and whether the user ends the
/// conversation (allowed only when every task is done and the agent is not waiting on the user).
/// </summary>
public sealed record UserTurn(string Message, UserState State)
{
    /// <summary>The acts the message performs.</summary>
    public IReadOnlyList<DialogueAct> Acts { get; init; } = [];

    /// <summary>True when this message acknowledges the current task as done.</summary>
    public bool CurrentTaskDone { get; init; }

    /// <summary>True when the user ends the conversation.</summary>
    public bool EndConversation { get; init; }

    /// <summary>Tokens the turn's model calls spent (repairs included); null for a rule-based user.</summary>
    public TokenUsage? Usage { get; init; }
}
