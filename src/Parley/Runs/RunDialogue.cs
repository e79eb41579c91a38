using Parley.Dialogues;

namespace Parley.Runs;

/// <summary>A dialogue of a run folder as <see cref="RunReader.Dialogues"/> reads it.</summary>
/// <param name="Dialogue">The conversation.</param>
/// <param name="Kept">True for a line of <c>dialogues.jsonl</c>, false for one of <c>rejected.jsonl</c>.</param>
/// <param name="Reasons">Why it was rejected (empty when kept).</param>
/// <param name="Item">Its item of the run's ledger; null in a folder without a ledger (written by <c>parley filter</c>).</param>
internal sealed record RunDialogue(Dialogue Dialogue, bool Kept, IReadOnlyList<string> Reasons, RunItem? Item);
