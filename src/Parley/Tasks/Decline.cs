namespace Parley.Tasks;

/// <summary>A sub-request the agent must decline, with the reason and the alternative it offers, as planned.</summary>
/// <param name="What">The change asked for, as the agent restates it.</param>
/// <param name="Because">Why the policy does not allow it, in terms of what the checks returned.</param>
/// <param name="Offer">What the agent offers instead.</param>
public sealed record Decline(string What, string Because, string Offer);
