using Parley.Dialogues;
using Parley.Export;
using Parley.Runs;

namespace Parley.Generation;

/// <summary>
/// A verified item as the writer needs it: its ledger state, failed checks, token usage, and its lines already
/// serialised, so it can wait for its turn in index order as bytes (and be spilled to disk) rather than as objects.
/// </summary>
internal sealed record FinishedItem(long Position, long Index, string State, string Checks, IReadOnlyDictionary<string, TokenUsage>? Usage, OutputLines Lines)
{
    /// <summary>Serialises <paramref name="outcome"/>, the item at <paramref name="position"/>.</summary>
    public static FinishedItem Of(long position, DialogueOutcome outcome) => new(
        position,
        outcome.Index,
        LedgerStates.Of(outcome),
        outcome.Kept || outcome.Paused is not null ? "" : string.Join(",", outcome.Problems.Select(p => p.Check).Distinct()),
        outcome.Dialogue?.Metadata.Usage ?? outcome.Usage,
        OutputLines.Of(
            outcome.Tasks,
            outcome.Paused is null && outcome.Kept ? outcome.Dialogue : null,
            outcome.Paused is null && !outcome.Kept ? new RejectedDialogue(outcome.Id, [.. outcome.Problems.Select(p => p.ToString())], outcome.Dialogue) { Usage = outcome.Dialogue is null ? outcome.Usage : null } : null,
            outcome.Paused));
}
