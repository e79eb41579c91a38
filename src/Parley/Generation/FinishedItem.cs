using Parley.Dialogues;
using Parley.Runs;

namespace Parley.Generation;

/// <summary>
/// A verified item as the writer needs it: its ledger state, failed checks, token usage, and its lines already
/// serialised, so it can wait for its turn in index order as bytes (and be spilled to disk) rather than as objects.
/// The usage kept for the ledger carries the share served from Parley's response cache; the lines written do not
/// (<see cref="TokenUsage.WithoutCacheSplit()"/>), so a cached re-run writes the same bytes as the run that paid for them.
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
            outcome.Paused is null && outcome.Kept ? Written(outcome.Dialogue) : null,
            outcome.Paused is null && !outcome.Kept
                ? new RejectedDialogue(outcome.Id, [.. outcome.Problems.Select(p => p.ToString())], Written(outcome.Dialogue)) { Usage = outcome.Dialogue is null ? TokenUsage.WithoutCacheSplit(outcome.Usage) : null }
                : null,
            outcome.Paused is { } paused ? paused with { Usage = TokenUsage.WithoutCacheSplit(paused.Usage) } : null));

    private static Dialogue? Written(Dialogue? dialogue) => dialogue is null ? null : dialogue with
    {
        Metadata = dialogue.Metadata with
        {
            Usage = TokenUsage.WithoutCacheSplit(dialogue.Metadata.Usage),
            Verdict = dialogue.Metadata.Verdict is { Judge.Usage: { } judged } verdict ? verdict with { Judge = verdict.Judge with { Usage = judged.WithoutCacheSplit() } } : dialogue.Metadata.Verdict,
        },
    };
}
