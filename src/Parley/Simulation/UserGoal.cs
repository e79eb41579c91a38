using System.Text.Json;
using Parley.Tasks;

namespace Parley.Simulation;

/// <summary>
/// One of the user's goals as the user holds it: what it wants, the steps it will ask for and how it may say them, and
/// the facts it holds. No tool calls and no expected results: a user knows what it wants, not how the agent gets there.
/// </summary>
public sealed record UserGoal
{
    /// <summary>The goal's position in the dialogue (0-based).</summary>
    public int Index { get; init; }

    /// <summary>What the user ultimately wants, as a self-contained statement.</summary>
    public required string Goal { get; init; }

    /// <summary>The steps it asks for, in order (one at a time in user-oriented mode).</summary>
    public required IReadOnlyList<UserStep> Steps { get; init; }

    /// <summary>Facts the user holds and gives when asked (name → value).</summary>
    public IReadOnlyDictionary<string, string> Facts { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Details of what the user is after that it recognises, and may name when a phrasing names them or when saying which
    /// record it means, but cannot give when asked (name → value): the agent has to look them up.
    /// </summary>
    public IReadOnlyDictionary<string, string> Recognised { get; init; } = new Dictionary<string, string>();

    /// <summary>Mistyped values the user may give first for a fact it holds (name → typo).</summary>
    public IReadOnlyDictionary<string, string> Typos { get; init; } = new Dictionary<string, string>();

    /// <summary>Choices the user may state first and change before confirming (name → first choice).</summary>
    public IReadOnlyDictionary<string, string> MindChanges { get; init; } = new Dictionary<string, string>();

    /// <summary>True when the goal follows on from the previous one's outcome.</summary>
    public bool BuildsOnEarlier { get; init; }

    /// <summary>The goals of <paramref name="tasks"/>, as their user holds them.</summary>
    internal static IReadOnlyList<UserGoal> AllOf(IReadOnlyList<TaskSpec> tasks) => [.. tasks.Select(Of)];

    /// <summary><paramref name="task"/> as its user holds it: the planner's calls reduced to which of the user's facts each step needs.</summary>
    internal static UserGoal Of(TaskSpec task) => new()
    {
        Index = task.Index,
        Goal = task.Goal,
        Steps = [.. task.SubRequests.Select(s => new UserStep
        {
            Goal = s.Goal,
            Utterances = s.Utterances,
            FollowUps = s.FollowUps,
            Needs = [.. s.Calls.SelectMany(c => c.Args.Values)
                .Where(e => e.ValueKind == JsonValueKind.String && e.GetString() is ['{', .., '}'])
                .Select(e => e.GetString()![1..^1])
                .Where(task.UserFacts.ContainsKey)
                .Distinct()],
        })],
        Facts = task.UserFacts,
        Recognised = task.HiddenFacts,
        Typos = task.Typos,
        MindChanges = task.MindChanges,
        BuildsOnEarlier = task.BuildsOn is not null,
    };
}
