using Parley.Dialogues;

namespace Parley.Export;

/// <summary>A rule that leaves dialogues out of an export, e.g. those that use an evaluation's held-out tasks.</summary>
/// <param name="Source">What the rule comes from (an evaluation folder), for the line that reports it.</param>
/// <param name="Excludes">True for a dialogue to leave out.</param>
public sealed record DialogueExclusion(string Source, Func<Dialogue, bool> Excludes);
