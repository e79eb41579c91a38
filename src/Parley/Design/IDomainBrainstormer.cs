using Parley.Environments;

namespace Parley.Design;

/// <summary>Proposes new domains to design environments for.</summary>
public interface IDomainBrainstormer
{
    /// <summary>
    /// Proposes up to <paramref name="count"/> domains inspired by <paramref name="seeds"/> and distinct from
    /// <paramref name="existing"/> (and from each other), compared by <see cref="DomainNames.Key"/>.
    /// </summary>
    Task<IReadOnlyList<DomainIdea>> BrainstormAsync(IReadOnlyList<string> seeds, IReadOnlyList<string> existing, int count, ulong seed = 0,
        CancellationToken cancellationToken = default);
}
