namespace Parley.Environments;

/// <summary>
/// One expected tool call. Each argument is <c>{fact}</c> (a fact's value), <c>$column</c> (taken from an earlier
/// result in the dialogue) or a literal.
/// </summary>
public sealed record ScenarioCall
{
    /// <summary>The tool's name.</summary>
    public required string Tool { get; init; }

    /// <summary>Argument expressions by parameter name.</summary>
    public IReadOnlyDictionary<string, object?> Args { get => field ?? new Dictionary<string, object?>(); init; }
}
