using Parley.Dialogues;

namespace Parley.Evaluation;

/// <summary>One line of an evaluation's <c>trials.jsonl</c>: which task and trial, whether it passed, why not, and its trajectory.</summary>
internal sealed record TrialRecord
{
    /// <summary>Artifact format version.</summary>
    public int SchemaVersion { get; init; } = 1;

    /// <summary>The evaluation task (the held-out dialogue id its tasks share).</summary>
    public required string Task { get; init; }

    /// <summary>The ids of the task's Parley tasks (one per sub-goal).</summary>
    public required IReadOnlyList<string> TaskIds { get; init; }

    /// <summary>The domain of the task's environment.</summary>
    public required string Domain { get; init; }

    /// <summary>The trial's number (0-based) among the task's trials.</summary>
    public required int Trial { get; init; }

    /// <summary>True when every check of the trial passed (the end state of every task, and the judge when one ran).</summary>
    public required bool Passed { get; init; }

    /// <summary>Why the trial failed; null when it passed.</summary>
    public Attribution? Failure { get; init; }

    /// <summary>The trajectory, in the same dialogue format as generation (null only when no conversation could start).</summary>
    public Dialogue? Dialogue { get; init; }
}
