using Parley.Dialogues;
using Parley.Environments;

namespace Parley.Design;

/// <summary>Produces an environment declaration for a domain (from the catalog, or designed by a model).</summary>
public interface IEnvironmentDesigner
{
    /// <summary>Designs (or looks up) the environment for <paramref name="request"/>.</summary>
    ValueTask<EnvironmentSpec> DesignAsync(DesignRequest request, CancellationToken cancellationToken = default);
}

/// <summary>What a designer is asked for: a domain, and the seed its choices derive from.</summary>
public sealed record DesignRequest(string Domain, ulong Seed)
{
    /// <summary>A sentence on what the domain covers (from brainstorming), or null.</summary>
    public string? Description { get; init; }

    /// <summary>An existing database to write tools over instead of inventing a schema (<c>--from-db</c>), or null.</summary>
    public ExistingDatabase? Database { get; init; }

    /// <summary>Tools to reproduce with SQL and extend (<c>--seed-tools</c>); empty when none.</summary>
    public IReadOnlyList<FunctionDefinition> SeedTools { get; init; } = [];
}
