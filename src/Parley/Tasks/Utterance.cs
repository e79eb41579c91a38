namespace Parley.Tasks;

/// <summary>A phrasing of a sub-request and the facts saying it states.</summary>
public sealed record Utterance(string Text, IReadOnlyList<string> Mentions);
