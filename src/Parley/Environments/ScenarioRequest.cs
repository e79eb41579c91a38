namespace Parley.Environments;

/// <summary>One step of a scenario: what the user asks, and the tool calls that serve it.</summary>
public sealed record ScenarioRequest
{
    /// <summary>What the user wants in this step, declaratively (for the task's sub-request).</summary>
    public required string Goal { get; init; }

    /// <summary>Ways the user may phrase it, with <c>{fact}</c> placeholders; facts named here are stated by saying it.</summary>
    public required IReadOnlyList<string> Say { get; init; }

    /// <summary>The tool calls, in order.</summary>
    public required IReadOnlyList<ScenarioCall> Calls { get; init; }

    /// <summary>Ways the user may ask a follow-up about the result, answered from it without a new call.</summary>
    public IReadOnlyList<string> FollowUps { get => field ?? []; init; }

    /// <summary>When set, the request is one the policy forbids: the calls are the checks, and the agent declines.</summary>
    public ScenarioDecline? Decline { get; init; }
}
