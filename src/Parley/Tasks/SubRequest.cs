namespace Parley.Tasks;

/// <summary>One step of a task as the user would ask for it, and the tool calls that serve it.</summary>
public sealed record SubRequest
{
    /// <summary>What the user wants in this step, declaratively.</summary>
    public required string Goal { get; init; }

    /// <summary>Ways the user may phrase it, with the facts each phrasing states.</summary>
    public required IReadOnlyList<Utterance> Utterances { get; init; }

    /// <summary>The calls that serve it, with argument expressions (<c>{fact}</c>, <c>$column</c> or literals).</summary>
    public required IReadOnlyList<PlannedCall> Calls { get; init; }

    /// <summary>Follow-up questions the user may ask about the result.</summary>
    public IReadOnlyList<string> FollowUps { get => field ?? []; init; }

    /// <summary>When set, the agent declines this request after its calls (the checks), for the reason given.</summary>
    public Decline? Decline { get; init; }
}
