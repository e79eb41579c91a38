using Parley.Dialogues;
using Parley.Simulation;
using Parley.Tasks;

namespace Parley.Runs;

/// <summary>What generating one dialogue produced: the dialogue (or the paused state), its tasks, and its verdict.</summary>
public sealed record DialogueOutcome(long Index, string Id, IReadOnlyList<TaskSpec> Tasks)
{
    /// <summary>The finished dialogue, when it finished.</summary>
    public Dialogue? Dialogue { get; init; }

    /// <summary>The saved state, when the dialogue was paused.</summary>
    public GenerationState? Paused { get; init; }

    /// <summary>Model usage per role when there is no <see cref="Dialogue"/> to carry it (the planner failed).</summary>
    public IReadOnlyDictionary<string, TokenUsage>? Usage { get; init; }

    /// <summary>Why the dialogue could not be generated or failed verification; empty when it passed.</summary>
    public IReadOnlyList<Problem> Problems { get; init; } = [];

    /// <summary>True when the dialogue finished and passed verification.</summary>
    public bool Kept => Dialogue is not null && Problems.Count == 0;
}
