namespace Parley.Environments;

/// <summary>The rule-based designer: returns the built-in catalog's declaration for the domain.</summary>
public sealed class CatalogEnvironmentDesigner(DomainCatalog catalog) : IEnvironmentDesigner
{
    /// <inheritdoc />
    public ValueTask<EnvironmentSpec> DesignAsync(DesignRequest request, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(catalog.Get(request.Domain));
}
