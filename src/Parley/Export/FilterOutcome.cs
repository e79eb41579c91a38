namespace Parley.Export;

/// <summary>What <see cref="RunFilter.Write"/> wrote.</summary>
/// <param name="Kept">Dialogues written to the target's <c>dialogues.jsonl</c>.</param>
/// <param name="Dropped">Dialogues written to its <c>dropped.jsonl</c>, each with its reasons.</param>
public sealed record FilterOutcome(int Kept, int Dropped);
