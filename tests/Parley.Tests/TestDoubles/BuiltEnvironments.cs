using System.Collections.Concurrent;
using Parley.Environments;

namespace Parley.Tests.TestDoubles;

/// <summary>
/// The built-in domains built once (environment seed 0) and shared: tests only ever write to copies of them.
/// </summary>
public sealed class BuiltEnvironments : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<EnvironmentDatabase>> _built = new(StringComparer.Ordinal);

    /// <summary>The built environment of a built-in domain.</summary>
    public EnvironmentDatabase Get(string domain) =>
        _built.GetOrAdd(domain, name => new Lazy<EnvironmentDatabase>(() => EnvironmentDatabase.Build(DomainCatalog.BuiltIn.Get(name), 0))).Value;

    /// <summary>The retail environment.</summary>
    public EnvironmentDatabase Retail => Get("retail");

    public void Dispose()
    {
        foreach (var lazy in _built.Values)
        {
            if (lazy.IsValueCreated) lazy.Value.Dispose();
        }
    }
}
