using Parley.Dialogues;
namespace Parley.Tasks;

/// <summary>What a planner produced: the tasks kept, why others were dropped, the repairs it took and the tokens it spent.</summary>
/// <param name="Tasks">The feasible tasks, numbered in dialogue order.</param>
/// <param name="Dropped">One line per task dropped after the last repair, with the concrete error.</param>
/// <param name="Repairs">Repair rounds in which execution errors were sent back to the model.</param>
public sealed record TaskPlan(IReadOnlyList<TaskSpec> Tasks, IReadOnlyList<string> Dropped, int Repairs)
{
    /// <summary>Tokens a model spent on this plan, repairs included; null for a planner without a model.</summary>
    public TokenUsage? Usage { get; init; }

    /// <summary>A plan of <paramref name="tasks"/> made without a model, nothing dropped.</summary>
    public static TaskPlan Of(IReadOnlyList<TaskSpec> tasks) => new(tasks, [], 0);

    /// <summary>Why no task could be planned (then <see cref="Tasks"/> is empty), e.g. <c>no feasible task in environment 'retail': …</c>; null on success.</summary>
    public string? Failure { get; init; }
}
