using Parley.Dialogues;
using Parley.Tasks;
using Parley.Tools;

namespace Parley.Simulation;

/// <summary>
/// A dialogue act: the structured meaning of a turn, exchanged between rule-based roles beside the text.
/// LLM roles ignore acts and read the text.
/// </summary>
public sealed record DialogueAct(ActType Type)
{
    /// <summary>The fact informed, asked for or in question.</summary>
    public string? Fact { get; init; }

    /// <summary>The value informed.</summary>
    public string? Value { get; init; }

    /// <summary>The task the act is about.</summary>
    public int Task { get; init; } = -1;

    /// <summary>The sub-request the act is about.</summary>
    public int Request { get; init; } = -1;

    /// <summary>The sub-request the act is about, as a key.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public RequestKey Key => new(Task, Request);

    /// <summary>With <see cref="ActType.Request"/>: the planned calls.</summary>
    public IReadOnlyList<PlannedCall>? Calls { get; init; }

    /// <summary>With <see cref="ActType.Request"/>: the facts the phrasing stated (used to tell rows apart).</summary>
    public IReadOnlyDictionary<string, string>? Mentions { get; init; }

    /// <summary>With <see cref="ActType.Request"/>: the reason the agent must decline it, if the policy forbids it.</summary>
    public Decline? Decline { get; init; }

    /// <summary>With <see cref="ActType.Clarify"/>: the columns shown for the candidate records.</summary>
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>With <see cref="ActType.ReportError"/>: the error kind.</summary>
    public ToolErrorKind? Error { get; init; }
}
