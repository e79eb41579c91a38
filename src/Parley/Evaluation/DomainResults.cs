namespace Parley.Evaluation;

/// <summary>The results of the tasks of one domain.</summary>
public sealed record DomainResults
{
    /// <summary>Tasks of the domain.</summary>
    public required int Tasks { get; init; }

    /// <summary>pass^k for every k from 1 to the trials per task, keyed by k.</summary>
    public required IReadOnlyDictionary<string, PassHatKValue> PassHatK { get; init; }

    /// <summary>Failed trials by failure kind.</summary>
    public required IReadOnlyDictionary<string, int> Failures { get; init; }
}
