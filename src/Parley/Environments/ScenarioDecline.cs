namespace Parley.Environments;

/// <summary>
/// A request the policy does not allow: after the request's checks, the agent declines instead of making the change.
/// The planner proves it by running the change on its scratch copy and requiring a failed precondition, so the
/// expected end state leaves it out. Texts take <c>{fact}</c> placeholders.
/// </summary>
public sealed record ScenarioDecline
{
    /// <summary>The change asked for, which must fail on the scratch copy.</summary>
    public required ScenarioCall Call { get; init; }

    /// <summary>What the user asked for, as the agent restates it ("cancel order #{order_id}").</summary>
    public required string What { get; init; }

    /// <summary>Why not, grounded in the checks' results and the policy.</summary>
    public required string Because { get; init; }

    /// <summary>What the agent can offer instead.</summary>
    public required string Offer { get; init; }
}
