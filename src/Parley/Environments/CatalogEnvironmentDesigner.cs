namespace Parley.Environments;

/// <summary>The rule-based designer: returns the built-in catalog's declaration for the domain.</summary>
public sealed class CatalogEnvironmentDesigner(DomainCatalog catalog) : IEnvironmentDesigner
{
    /// <inheritdoc />
    /// <exception cref="ParleyException">The request brings a database or seed tools, which only a model can design over.</exception>
    public ValueTask<EnvironmentSpec> DesignAsync(DesignRequest request, CancellationToken cancellationToken = default)
    {
        if (request.Database is not null) throw ParleyException.InvalidOption("--from-db", "designing over an existing database needs an LLM environment designer");
        if (request.SeedTools.Count > 0) throw ParleyException.InvalidOption("--seed-tools", "designing from seed tools needs an LLM environment designer");
        return ValueTask.FromResult(catalog.Get(request.Domain));
    }
}
