using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Parley.Llm;

/// <summary>
/// Reads parley.yaml into an <see cref="LlmConfig"/>. Strict: unknown keys and ill-typed values are errors naming the
/// file, line and key, e.g. <c>parley.yaml:12: roles.agent.temperature: expected a number, got 'hot'</c>.
/// </summary>
internal static class LlmConfigReader
{
    private static readonly string[] Providers = [ChatProviderFactory.OpenAi, ChatProviderFactory.Ollama, ChatProviderFactory.Anthropic];

    /// <summary>Reads the file at <paramref name="path"/>; relative folders in it are resolved against the file's folder.</summary>
    /// <exception cref="ParleyException">The file is missing or invalid.</exception>
    public static LlmConfig Load(string path)
    {
        if (!File.Exists(path)) throw ParleyException.NotFound(path, "configuration file not found (run `parley init` to write one)");
        var config = Parse(File.ReadAllText(path), path);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        return config with
        {
            CacheDirectory = config.CacheDirectory is { } cache ? Path.Combine(folder, cache) : null,
            SecretsFile = config.SecretsFile is { } secrets ? Path.Combine(folder, secrets) : null,
        };
    }

    /// <summary>Parses configuration text; <paramref name="file"/> names it in errors.</summary>
    /// <exception cref="ParleyException">The text is not valid configuration.</exception>
    public static LlmConfig Parse(string text, string file = "parley.yaml")
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw ParleyException.InvalidConfig(file, (int)e.Start.Line, "(syntax)", e.InnerException?.Message ?? e.Message);
        }
        if (stream.Documents.Count == 0) return LlmConfig.RuleBased;
        var root = new ConfigNode(file, "", stream.Documents[0].RootNode);
        if (root.IsNull) return LlmConfig.RuleBased;
        root.EnsureOnly("endpoints", "roles", "cache_dir", "secrets_file", "tool_mode");
        var endpoints = new Dictionary<string, EndpointSettings>(StringComparer.Ordinal);
        if (root.Child("endpoints") is { IsNull: false } endpointsNode)
        {
            foreach (var (name, node) in endpointsNode.Entries()) endpoints[name] = Endpoint(name, node);
        }
        var roles = new Dictionary<LlmRole, RoleConfig>();
        var toolCalling = ToolCallingStyle.Native;
        if (root.Child("roles") is { IsNull: false } rolesNode)
        {
            rolesNode.EnsureOnly([.. LlmRoles.All.Select(r => r.ConfigName())]);
            foreach (var (name, node) in rolesNode.Entries())
            {
                var role = LlmRoles.Parse(name)!.Value;
                if (node.Node is YamlScalarNode)
                {
                    node.OneOf("rule-based");
                    continue;
                }
                var (config, style) = Role(role, node, endpoints);
                roles[role] = config;
                if (role == LlmRole.Agent) toolCalling = style;
            }
        }
        var toolMode = root.Child("tool_mode") is { } mode && mode.OneOf("sql", "simulated") == "simulated" ? ToolExecutionMode.Simulated : ToolExecutionMode.Sql;
        if (toolMode == ToolExecutionMode.Simulated && !roles.ContainsKey(LlmRole.ToolSimulator))
            throw root.Child("tool_mode")!.Error("'simulated' needs a model for roles.tool_simulator");
        return new LlmConfig
        {
            Endpoints = endpoints,
            Roles = roles,
            ToolCalling = toolCalling,
            ToolMode = toolMode,
            CacheDirectory = root.Child("cache_dir") is { IsNull: false } cache ? cache.String() : null,
            SecretsFile = root.Child("secrets_file") is { IsNull: false } secrets ? secrets.String() : null,
        };
    }

    private static EndpointSettings Endpoint(string name, ConfigNode node)
    {
        node.EnsureOnly("provider", "base_url", "api_key_env", "max_concurrency", "tokens_per_minute", "price_per_1m_input", "price_per_1m_output",
            "price_per_1m_cached_input", "timeout_seconds", "connect_timeout_seconds", "call_timeout_seconds", "max_retries", "max_consecutive_failures");
        var provider = node.Child("provider") ?? throw node.Error("missing key 'provider' (openai, ollama or anthropic)");
        var baseUrl = node.Child("base_url") is { IsNull: false } url ? url.String() : null;
        if (baseUrl is not null && !(Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            throw node.Child("base_url")!.Error($"expected an http(s) URL such as http://localhost:8000/v1, got '{baseUrl}'");
        var endpoint = new EndpointSettings
        {
            Name = name,
            Provider = provider.OneOf(Providers),
            BaseUrl = baseUrl,
            ApiKeyEnv = node.Child("api_key_env") is { IsNull: false } env ? env.String() : null,
            MaxConcurrency = node.Child("max_concurrency") is { } c ? (int)c.Integer(1, 4096) : 8,
            TokensPerMinute = node.Child("tokens_per_minute") is { IsNull: false } t ? t.Integer(1, long.MaxValue) : null,
            Prices = new ModelPrices(
                node.Child("price_per_1m_input")?.Price() ?? 0,
                node.Child("price_per_1m_output")?.Price() ?? 0,
                node.Child("price_per_1m_cached_input")?.Price()),
            Timeout = TimeSpan.FromSeconds(node.Child("timeout_seconds")?.Number(1, 86_400) ?? 120),
            ConnectTimeout = TimeSpan.FromSeconds(node.Child("connect_timeout_seconds")?.Number(1, 3_600) ?? 10),
            CallTimeout = TimeSpan.FromSeconds(node.Child("call_timeout_seconds")?.Number(1, 604_800) ?? 300),
            MaxRetries = node.Child("max_retries") is { } r ? (int)r.Integer(0, 100) : 6,
            MaxConsecutiveFailures = node.Child("max_consecutive_failures") is { } f ? (int)f.Integer(1, 1_000_000) : EndpointBreaker.DefaultMaxConsecutiveFailures,
        };
        if (endpoint.Provider == ChatProviderFactory.Ollama && endpoint.BaseUrl is null) return endpoint with { BaseUrl = "http://localhost:11434" };
        return endpoint;
    }

    private static (RoleConfig Config, ToolCallingStyle Style) Role(LlmRole role, ConfigNode node, Dictionary<string, EndpointSettings> endpoints)
    {
        string[] keys = ["endpoint", "model", "temperature", "top_p", "max_tokens", "seed", "max_repairs"];
        node.EnsureOnly(role == LlmRole.Agent ? [.. keys, "tool_calling"] : keys);
        var endpointNode = node.Child("endpoint") ?? throw node.Error("missing key 'endpoint' (or write `rule-based`)");
        var endpoint = endpointNode.String();
        if (!endpoints.ContainsKey(endpoint))
            throw endpointNode.Error($"unknown endpoint '{endpoint}'; defined: {(endpoints.Count == 0 ? "none" : string.Join(", ", endpoints.Keys))}");
        var settings = new LlmRoleSettings
        {
            Model = (node.Child("model") ?? throw node.Error("missing key 'model'")).String(),
            Temperature = node.Child("temperature") is { IsNull: false } t ? (float)t.Number(0, 2) : null,
            TopP = node.Child("top_p") is { IsNull: false } p ? (float)p.Number(0, 1) : null,
            MaxOutputTokens = node.Child("max_tokens") is { IsNull: false } m ? (int)m.Integer(1, 10_000_000) : null,
            SendSeed = node.Child("seed")?.Boolean() ?? true,
            MaxRepairs = node.Child("max_repairs") is { } r ? (int)r.Integer(0, 20) : 2,
        };
        var style = node.Child("tool_calling") is { } s && s.OneOf("native", "text") == "text" ? ToolCallingStyle.Text : ToolCallingStyle.Native;
        return (new RoleConfig(endpoint, settings), style);
    }
}
