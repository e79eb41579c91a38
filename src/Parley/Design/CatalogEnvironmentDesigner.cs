using Parley.Environments;

namespace Parley.Design;

/// <summary>
/// The rule-based designer: returns the built-in catalog's declaration for the domain, or, for a brought database,
/// the environment <see cref="DatabaseEnvironmentDesigner"/> writes over it.
/// </summary>
internal sealed class CatalogEnvironmentDesigner(DomainCatalog catalog) : IEnvironmentDesigner
{
    /// <inheritdoc />
    /// <exception cref="ParleyException">The request brings seed tools, which only a model can design over, or a database nothing can be written over.</exception>
    public ValueTask<EnvironmentSpec> DesignAsync(DesignRequest request, CancellationToken cancellationToken = default)
    {
        if (request.SeedTools.Count > 0) throw ParleyException.InvalidOption("--seed-tools", "designing from seed tools needs an LLM environment designer");
        if (request.Database is not null) return new DatabaseEnvironmentDesigner().DesignAsync(request, cancellationToken);
        return ValueTask.FromResult(catalog.Get(request.Domain));
    }
}
