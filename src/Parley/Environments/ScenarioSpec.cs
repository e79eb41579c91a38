namespace Parley.Environments;

/// <summary>
/// A task template: a sample query that grounds it in real rows, the user's goal, and the ordered requests through
/// which the user pursues it. Facts are the sample's columns, the principal's columns and <see cref="Choices"/>.
/// </summary>
public sealed record ScenarioSpec
{
    /// <summary>Unique in its environment.</summary>
    public required string Id { get; init; }

    /// <summary>The user's latent goal, declarative, with <c>{fact}</c> placeholders.</summary>
    public required string Goal { get; init; }

    /// <summary><c>easy</c>, <c>medium</c> or <c>hard</c>.</summary>
    public string Difficulty { get => field ?? "medium"; init; }

    /// <summary>
    /// A SELECT whose rows are candidate groundings; <c>:name</c> parameters bind the principal's facts and facts of
    /// earlier tasks in the dialogue (a scenario that needs an earlier task's fact builds on that task).
    /// </summary>
    public required string Sample { get; init; }

    /// <summary>Sample columns the user knows and gives when asked; the others must come from the agent's tools.</summary>
    public IReadOnlyList<string> Knows { get => field ?? []; init; }

    /// <summary>Extra facts drawn from lists (a reason, a quantity); the user knows these.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Choices { get => field ?? new Dictionary<string, IReadOnlyList<string>>(); init; }

    /// <summary>The requests, revealed one at a time in user-oriented mode.</summary>
    public required IReadOnlyList<ScenarioRequest> Requests { get; init; }
}
