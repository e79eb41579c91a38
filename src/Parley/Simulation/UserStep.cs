using Parley.Tasks;

namespace Parley.Simulation;

/// <summary>One step of a user's goal: what it asks for, how it may say it, and which of its facts the step needs.</summary>
public sealed record UserStep
{
    /// <summary>What the user wants in this step, declaratively.</summary>
    public required string Goal { get; init; }

    /// <summary>Ways the user may phrase it, with the facts each phrasing states.</summary>
    public required IReadOnlyList<Utterance> Utterances { get; init; }

    /// <summary>Follow-up questions the user may ask about the answer.</summary>
    public IReadOnlyList<string> FollowUps { get; init; } = [];

    /// <summary>The facts the user holds that this step needs (it may volunteer them), in the order the step uses them.</summary>
    public IReadOnlyList<string> Needs { get; init; } = [];
}
