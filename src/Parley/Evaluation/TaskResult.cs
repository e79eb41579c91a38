namespace Parley.Evaluation;

/// <summary>How one evaluation task fared over its trials.</summary>
public sealed record TaskResult
{
    /// <summary>The evaluation task (the held-out dialogue id).</summary>
    public required string Task { get; init; }

    /// <summary>Its domain.</summary>
    public required string Domain { get; init; }

    /// <summary>Trials that passed.</summary>
    public required int Successes { get; init; }

    /// <summary>Trials run.</summary>
    public required int Trials { get; init; }

    /// <summary>Failed trials by failure kind.</summary>
    public IReadOnlyDictionary<string, int> Failures { get; init; } = new Dictionary<string, int>();

    /// <summary>The sub-requests that failed, with how often.</summary>
    public IReadOnlyList<SubRequestFailure> FailedSubRequests { get; init; } = [];
}
