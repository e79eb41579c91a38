namespace Parley.Llm;

/// <summary>
/// The model options of <c>parley generate</c>: either <c>--config FILE</c>, or <c>--llm URL --model NAME</c> with
/// optional <c>--llm-roles</c> and <c>--api-key-env</c>; neither means every role is rule-based.
/// </summary>
public sealed record LlmFlags
{
    /// <summary><c>--config</c>: a parley.yaml.</summary>
    public string? Config { get; init; }

    /// <summary><c>--llm</c>: an OpenAI-compatible base URL.</summary>
    public string? BaseUrl { get; init; }

    /// <summary><c>--model</c>: the model name at <see cref="BaseUrl"/>.</summary>
    public string? Model { get; init; }

    /// <summary><c>--llm-roles</c>: comma-separated short role names or <c>all</c> (the default).</summary>
    public string? Roles { get; init; }

    /// <summary><c>--api-key-env</c>: the variable holding the key.</summary>
    public string? ApiKeyEnv { get; init; }

    /// <summary><c>--secrets</c>: a file of <c>NAME: key</c> lines.</summary>
    public string? Secrets { get; init; }

    /// <summary><c>--cache-dir</c>: caches replies there (overrides the configuration's cache_dir).</summary>
    public string? CacheDirectory { get; init; }

    /// <summary><c>--llm-concurrency</c>: the endpoint's concurrency ceiling with <c>--llm</c>.</summary>
    public int MaxConcurrency { get; init; } = 8;

    /// <summary>True when a flag names models (<c>--config</c> or <c>--llm</c>).</summary>
    public bool NamesModels => Config is not null || BaseUrl is not null;

    /// <summary>
    /// The configuration the flags describe. When resuming, <paramref name="resumed"/> is the configuration the run was
    /// started with: without <c>--config</c> or <c>--llm</c> it is used as it was (only <c>--secrets</c> and
    /// <c>--cache-dir</c> apply); with them, the run's own check refuses any setting that would change the output.
    /// </summary>
    /// <exception cref="ParleyException">The flags contradict each other, name an unknown role, or the config file is invalid.</exception>
    public LlmConfig ToConfig(LlmConfig? resumed = null)
    {
        if (Config is not null && BaseUrl is not null) throw ParleyException.InvalidOption("--llm", "use either --config or --llm, not both");
        if (BaseUrl is null)
        {
            if (Model is not null) throw ParleyException.InvalidOption("--model", "needs --llm <base-url>");
            if (Roles is not null) throw ParleyException.InvalidOption("--llm-roles", "needs --llm <base-url>");
            if (ApiKeyEnv is not null) throw ParleyException.InvalidOption("--api-key-env", "needs --llm <base-url> (in a config file, set api_key_env on the endpoint)");
        }
        var config = Config is not null ? LlmConfigReader.Load(Config) : BaseUrl is not null ? FromFlags(BaseUrl) : resumed ?? LlmConfig.RuleBased;
        if (Secrets is not null) config = config with { SecretsFile = Secrets };
        if (CacheDirectory is not null) config = config with { CacheDirectory = CacheDirectory };
        return config;
    }

    private LlmConfig FromFlags(string baseUrl)
    {
        if (Model is null) throw ParleyException.InvalidOption("--llm", "needs --model <name>");
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw ParleyException.InvalidOption("--llm", $"expected an http(s) base URL such as http://localhost:8000/v1, got '{baseUrl}'");
        if (MaxConcurrency < 1) throw ParleyException.InvalidOption("--llm-concurrency", "must be at least 1");
        var roles = ParseRoles(Roles ?? "all");
        var config = LlmConfig.FromFlags(baseUrl, Model, roles, ApiKeyEnv, maxConcurrency: MaxConcurrency);
        // The tools role is the simulated tool mode: naming it is asking for invented results instead of SQL.
        return roles.Contains(LlmRole.ToolSimulator) ? config with { ToolMode = ToolExecutionMode.Simulated } : config;
    }

    /// <summary>
    /// Parses <c>user,agent,planner,judge,designer,tools</c> or <c>all</c>. <c>all</c> is every role that SQL execution
    /// keeps: <c>tools</c> (results invented by the model, the simulated tool mode) is only ever asked for by name.
    /// </summary>
    public static IReadOnlyList<LlmRole> ParseRoles(string text)
    {
        var names = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length == 0) throw ParleyException.InvalidOption("--llm-roles", "name at least one role");
        if (names.Contains("all")) return [.. LlmRoles.All.Where(r => r != LlmRole.ToolSimulator), .. names.Contains("tools") ? [LlmRole.ToolSimulator] : Array.Empty<LlmRole>()];
        return [.. names.Select(name => LlmRoles.Parse(name) ?? throw ParleyException.InvalidOption("--llm-roles",
            $"unknown role '{name}'; valid roles: {string.Join(", ", LlmRoles.All.Select(r => r.FlagName()))}, all"))];
    }
}
