namespace Parley.Quality;

/// <summary>A group of near-duplicate dialogues (two or more), linked pair by pair at or above the threshold.</summary>
/// <param name="Size">Number of dialogues in the cluster.</param>
/// <param name="Representative">The id of the cluster's first dialogue in file order: the one kept when deduplicating.</param>
/// <param name="Members">Every member's id in file order, the representative first.</param>
/// <param name="Similarity">The lowest Jaccard similarity among the pairs that linked the cluster (with <c>both</c>, the lower of the two signals).</param>
/// <param name="Opening">The representative's first user message (at most 160 characters), to see what the cluster is about.</param>
public sealed record DuplicateCluster(int Size, string Representative, IReadOnlyList<string> Members, double Similarity, string Opening);
