using Parley.Tasks;

namespace Parley.Simulation;

/// <summary>The rule-based agent's working memory, serialisable so a paused dialogue resumes exactly.</summary>
public sealed record AgentState
{
    /// <summary>Sub-requests accepted and not yet finished, oldest first.</summary>
    public IReadOnlyList<DialogueAct> Queue { get; init; } = [];

    /// <summary>How many calls of the head request are done.</summary>
    public int CallIndex { get; init; }

    /// <summary>Facts the user stated (latest value wins): <c>fact</c> for facts about the user, <c>task:fact</c> for a task's own.</summary>
    public IReadOnlyDictionary<string, string> Stated { get; init; } = new Dictionary<string, string>();

    /// <summary>Facts stated for the head request, used to pick the row the user means.</summary>
    public IReadOnlyDictionary<string, string> Mentions { get; init; } = new Dictionary<string, string>();

    /// <summary>The arguments (JSON) the user confirmed for the pending write, if any.</summary>
    public string? Confirmed { get; init; }

    /// <summary>The arguments (JSON) last put to the user for confirmation.</summary>
    public string? Proposed { get; init; }

    /// <summary>Finished sub-requests not yet reported to the user, each with the summary to say.</summary>
    public IReadOnlyList<KeyValuePair<RequestKey, string>> Unreported { get; init; } = [];

    /// <summary>Results of the head request's calls (tool name, JSON).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> HeadResults { get; init; } = [];

    /// <summary>Results reported last, for follow-up questions.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> LastReported { get; init; } = [];

    /// <summary>
    /// The tool call ids of the successful results the agent has used, in the order it used them (a reused earlier
    /// lookup counts as used again), which is the order arguments are resolved against, as the planner does.
    /// </summary>
    public IReadOnlyList<string> ResultOrder { get; init; } = [];

    /// <summary>The request declined last, for when the user objects.</summary>
    public Decline? Declined { get; init; }

    /// <summary>True while the agent waits for the user to say which record they mean.</summary>
    public bool Clarifying { get; init; }

    /// <summary>Consecutive failed attempts at the head call (errors or unanswered clarifications).</summary>
    public int Failures { get; init; }

    /// <summary>The generator state.</summary>
    public ulong Rng { get; init; }
}
