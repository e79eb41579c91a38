using Parley.Dialogues;
namespace Parley.Tasks;

/// <summary>What an LLM planning run produced: the tasks kept, why others were dropped, and the repairs it took.</summary>
/// <param name="Tasks">The feasible tasks, numbered in dialogue order.</param>
/// <param name="Dropped">One line per task dropped after the last repair, with the concrete error.</param>
/// <param name="Repairs">Repair rounds in which execution errors were sent back to the model.</param>
internal sealed record TaskPlan(IReadOnlyList<TaskSpec> Tasks, IReadOnlyList<string> Dropped, int Repairs)
{
    /// <summary>Tokens the planner spent on this plan, repairs included.</summary>
    public TokenUsage Usage { get; init; } = TokenUsage.None;

    /// <summary>Why no task could be planned (then <see cref="Tasks"/> is empty), e.g. <c>no feasible task in environment 'retail': …</c>; null on success.</summary>
    public string? Failure { get; init; }
}
