using YamlDotNet.RepresentationModel;

namespace Parley.Llm;

/// <summary>
/// Where API keys come from: a secrets file of <c>NAME: key</c> lines (if given) and then the environment. Keys are handed
/// to providers and to the <see cref="SecretRedactor"/>, and nowhere else.
/// </summary>
public sealed class SecretStore
{
    private readonly IReadOnlyDictionary<string, string> _file;
    private readonly Func<string, string?> _environment;

    /// <summary>A store reading <paramref name="secretsFile"/> (when not null) and then <paramref name="environment"/> (default: process environment variables).</summary>
    public SecretStore(string? secretsFile = null, Func<string, string?>? environment = null)
    {
        _file = secretsFile is null ? new Dictionary<string, string>() : ReadFile(secretsFile);
        _environment = environment ?? Environment.GetEnvironmentVariable;
    }

    /// <summary>The key stored under <paramref name="name"/>, or null.</summary>
    public string? Get(string name) =>
        _file.TryGetValue(name, out var value) ? value : _environment(name) is { Length: > 0 } env ? env : null;

    private static Dictionary<string, string> ReadFile(string path)
    {
        if (!File.Exists(path)) throw ParleyException.NotFound(path, "secrets file not found");
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(File.ReadAllText(path)));
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            // The parser's message may quote the offending line, which may hold a key: report the position only.
            throw ParleyException.InvalidConfig(path, (int)e.Start.Line, "(syntax)", "not valid YAML");
        }
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (stream.Documents.Count == 0) return result;
        if (stream.Documents[0].RootNode is not YamlMappingNode map) throw ParleyException.InvalidConfig(path, 1, "(root)", "expected NAME: key lines");
        foreach (var (name, value) in map.Children)
        {
            if (name is not YamlScalarNode { Value: { } key } || value is not YamlScalarNode { Value: { } secret })
                throw ParleyException.InvalidConfig(path, (int)name.Start.Line, (name as YamlScalarNode)?.Value ?? "(key)", "expected NAME: key");
            result[key] = secret;
        }
        return result;
    }
}
