namespace Parley.Tasks;

/// <summary>
/// One task of a dialogue: the user's latent goal (declarative, not a first utterance), the sub-requests through
/// which it is pursued, what the user knows and does not know, the expected tool actions, and the expected end state.
/// </summary>
public sealed record TaskSpec
{
    /// <summary>Artifact format version.</summary>
    public int SchemaVersion { get; init; } = 1;

    /// <summary>Stable id: the dialogue id and the task's position.</summary>
    public required string Id { get; init; }

    /// <summary>The dialogue this task belongs to.</summary>
    public required string DialogueId { get; init; }

    /// <summary>The task's position in its dialogue (0-based).</summary>
    public int Index { get; init; }

    /// <summary>The environment the task runs in.</summary>
    public required string EnvironmentId { get; init; }

    /// <summary>The scenario it was drawn from (rule-based planner), or null.</summary>
    public string? Scenario { get; init; }

    /// <summary>What the user ultimately wants, as a self-contained statement.</summary>
    public required string Goal { get; init; }

    /// <summary><c>easy</c>, <c>medium</c> or <c>hard</c>.</summary>
    public string Difficulty { get => field ?? "medium"; init; }

    /// <summary>The ordered sub-requests, revealed one at a time in user-oriented mode.</summary>
    public required IReadOnlyList<SubRequest> SubRequests { get; init; }

    /// <summary>Facts the user knows and gives when asked (name → value).</summary>
    public IReadOnlyDictionary<string, string> UserFacts { get => field ?? new Dictionary<string, string>(); init; }

    /// <summary>Facts the user does not know and must learn from the agent's tools (name → value).</summary>
    public IReadOnlyDictionary<string, string> HiddenFacts { get => field ?? new Dictionary<string, string>(); init; }

    /// <summary>Mistyped values of identifiers the user may give first; a lookup with one finds nothing (name → typo).</summary>
    public IReadOnlyDictionary<string, string> Typos { get => field ?? new Dictionary<string, string>(); init; }

    /// <summary>Choices the user may state first and change before confirming (name → first choice).</summary>
    public IReadOnlyDictionary<string, string> MindChanges { get => field ?? new Dictionary<string, string>(); init; }

    /// <summary>The tool actions that accomplish the task, in order, with concrete arguments.</summary>
    public required IReadOnlyList<ExpectedAction> ExpectedActions { get; init; }

    /// <summary>Canonical hash of the mutable tables once this task (and the ones before it) are done.</summary>
    public required string ExpectedEndState { get; init; }

    /// <summary>The earlier task of the dialogue whose outcome this one builds on, if any.</summary>
    public string? BuildsOn { get; init; }
}
