using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Serialization;
using Parley.Text;

namespace Parley.Environments;

/// <summary>
/// The built-in domains, each a folder of embedded declarations: <c>domain.yaml</c> (description, today, principal),
/// <c>schema.sql</c>, <c>seed.yaml</c>, <c>tools.yaml</c>, <c>scenarios.yaml</c> and <c>policy.md</c>.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class DomainCatalog
{
    private const string Prefix = "Parley.Domains/";
    private readonly Dictionary<string, EnvironmentSpec> _domains;

    private DomainCatalog(Dictionary<string, EnvironmentSpec> domains) => _domains = domains;

    /// <summary>The catalog embedded in this assembly.</summary>
    public static DomainCatalog BuiltIn { get; } = LoadEmbedded();

    /// <summary>Domain names, sorted.</summary>
    public IReadOnlyList<string> Names => [.. _domains.Keys.Order(StringComparer.Ordinal)];

    /// <summary>A domain's declaration; throws <see cref="ParleyException"/> for an unknown name.</summary>
    public EnvironmentSpec Get(string name) =>
        _domains.TryGetValue(name, out var spec) ? spec : throw ParleyException.UnknownDomain(name, Names);

    /// <summary>Reads a domain folder from disk (the same files as the embedded ones).</summary>
    public static EnvironmentSpec ReadFolder(string folder)
    {
        string? Read(string file) => File.Exists(Path.Combine(folder, file)) ? File.ReadAllText(Path.Combine(folder, file)) : null;
        return Assemble(Path.GetFileName(Path.TrimEndingDirectorySeparator(folder)), Read, folder);
    }

    /// <summary>Builds a declaration from a domain's files, given a reader that returns a file's text or null.</summary>
    public static EnvironmentSpec Assemble(string name, Func<string, string?> read, string where)
    {
        string Required(string file) => read(file) ?? throw ParleyException.InvalidFile($"{where}/{file}", "missing");
        var root = YamlJson.Parse(Required("domain.yaml"), $"{where}/domain.yaml") as JsonObject
            ?? throw ParleyException.InvalidFile($"{where}/domain.yaml", "expected a mapping");
        root["id"] ??= name;
        root["domain"] ??= name;
        root["schema"] = Required("schema.sql");
        root["policy"] = read("policy.md") ?? "";
        root["seed"] = Section(read("seed.yaml"), $"{where}/seed.yaml");
        root["tools"] = Section(Required("tools.yaml"), $"{where}/tools.yaml")?["tools"]?.DeepClone();
        root["scenarios"] = Section(read("scenarios.yaml"), $"{where}/scenarios.yaml")?["scenarios"]?.DeepClone() ?? new JsonArray();
        try
        {
            return root.Deserialize(EnvironmentJsonContext.Default.EnvironmentSpec) ?? throw ParleyException.InvalidFile(where, "empty domain");
        }
        catch (JsonException e)
        {
            throw ParleyException.InvalidFile(where, $"{e.Path}: {e.Message}");
        }
    }

    private static JsonNode? Section(string? yaml, string source) => yaml is null ? null : YamlJson.Parse(yaml, source);

    private static DomainCatalog LoadEmbedded()
    {
        var files = EmbeddedResources.Names(Prefix);
        var domains = new Dictionary<string, EnvironmentSpec>(StringComparer.Ordinal);
        foreach (var name in files.Select(f => f[Prefix.Length..].Split('/')[0]).Distinct())
        {
            string? Read(string file) => EmbeddedResources.TryRead($"{Prefix}{name}/{file}");
            domains[name] = Assemble(name, Read, $"domains/{name}");
        }
        return new DomainCatalog(domains);
    }
}
