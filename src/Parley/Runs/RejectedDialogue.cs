using Parley.Dialogues;

namespace Parley.Runs;

/// <summary>
/// A dialogue that failed verification, kept with the reasons, never silently dropped. <see cref="Dialogue"/> is null
/// when no conversation could be started (no feasible task).
/// </summary>
public sealed record RejectedDialogue(string Id, IReadOnlyList<string> Reasons, Dialogue? Dialogue)
{
    /// <summary>Model usage per role when there is no <see cref="Dialogue"/> to carry it (a planner that found no task still spent tokens).</summary>
    public IReadOnlyDictionary<string, TokenUsage>? Usage { get; init; }
}
