namespace Parley.Llm;

/// <summary>
/// The models of a run: for each <see cref="LlmRole"/> either null (rule-based) or a <see cref="RoleModel"/> whose client
/// carries every robustness layer (<see cref="LlmPipeline.ForRole"/>). Endpoint-wide state (concurrency limits, token
/// budgets) is shared by the roles on that endpoint; the <see cref="Usage"/> meter by all.
/// </summary>
/// <remarks>Thread-safe to use from many dialogues at once. Dispose it at the end of the run.</remarks>
public sealed class LlmSetup : IDisposable
{
    private readonly IReadOnlyDictionary<LlmRole, RoleModel> _roles;

    private LlmSetup(IReadOnlyDictionary<LlmRole, RoleModel> roles, LlmConfig config, UsageMeter usage, IReadOnlyDictionary<string, AdaptiveConcurrencyLimiter> concurrency)
    {
        _roles = roles;
        Config = config;
        Usage = usage;
        Concurrency = concurrency;
    }

    /// <summary>Every role rule-based.</summary>
    public static LlmSetup RuleBased => new(new Dictionary<LlmRole, RoleModel>(), LlmConfig.RuleBased, new UsageMeter(), new Dictionary<string, AdaptiveConcurrencyLimiter>());

    /// <summary>The configuration this was built from (no keys in it).</summary>
    public LlmConfig Config { get; }

    /// <summary>Token usage, cost and failures per role, run-wide.</summary>
    public UsageMeter Usage { get; }

    /// <summary>Each used endpoint's adaptive concurrency limiter, by endpoint name (read <see cref="AdaptiveConcurrencyLimiter.CurrentLimit"/> for progress).</summary>
    public IReadOnlyDictionary<string, AdaptiveConcurrencyLimiter> Concurrency { get; }

    /// <summary>True when no role uses a model.</summary>
    public bool IsRuleBased => _roles.Count == 0;

    /// <summary>The model of <paramref name="role"/>, or null when it is rule-based.</summary>
    public RoleModel? this[LlmRole role] => _roles.GetValueOrDefault(role);

    /// <summary>The environment designer's model, or null.</summary>
    public RoleModel? EnvironmentDesigner => this[LlmRole.EnvironmentDesigner];

    /// <summary>The task planner's model, or null.</summary>
    public RoleModel? TaskPlanner => this[LlmRole.TaskPlanner];

    /// <summary>The user simulator's model, or null.</summary>
    public RoleModel? UserSimulator => this[LlmRole.UserSimulator];

    /// <summary>The agent's model, or null.</summary>
    public RoleModel? Agent => this[LlmRole.Agent];

    /// <summary>The judge's model, or null.</summary>
    public RoleModel? Judge => this[LlmRole.Judge];

    /// <summary>The tool simulator's model (simulated tool mode), or null.</summary>
    public RoleModel? ToolSimulator => this[LlmRole.ToolSimulator];

    /// <summary>How the agent is offered tools.</summary>
    public ToolCallingStyle AgentToolCalling => Config.ToolCalling;

    /// <summary>How tool calls get results.</summary>
    public ToolExecutionMode ToolMode => Config.ToolMode;

    /// <summary>Builds the clients of <paramref name="config"/>.</summary>
    /// <exception cref="ParleyException">A needed API key is missing.</exception>
    public static LlmSetup Create(LlmConfig config, LlmSetupOptions? options = null)
    {
        options ??= new LlmSetupOptions();
        var secrets = options.Secrets ?? new SecretStore(config.SecretsFile);
        var usage = new UsageMeter();
        var cache = config.CacheDirectory is { } dir ? new FileDistributedCache(dir) : null;
        var used = config.Roles.Values.Select(r => r.Endpoint).Distinct().Select(name => config.Endpoints[name]).ToList();
        var keys = used.ToDictionary(e => e.Name, e => KeyOf(e, secrets));
        var redactor = new SecretRedactor(keys.Values);
        var limiters = used.ToDictionary(e => e.Name, e => new AdaptiveConcurrencyLimiter(e.MaxConcurrency));
        var breakers = used.ToDictionary(e => e.Name, e => new EndpointBreaker(e.Name, e.BaseUrl, e.MaxConsecutiveFailures));
        var budgets = used.Where(e => e.TokensPerMinute is not null).ToDictionary(e => e.Name, e => new TokenBudget(e.TokensPerMinute!.Value, options.TimeProvider));
        var roles = new Dictionary<LlmRole, RoleModel>();
        foreach (var (role, roleConfig) in config.Roles)
        {
            var endpoint = config.Endpoints[roleConfig.Endpoint];
            var provider = options.ProviderFactory(endpoint, roleConfig.Settings.Model, keys[endpoint.Name]);
            var client = LlmPipeline.ForRole(provider, new RolePipelineOptions
            {
                Role = role.ConfigName(),
                Classifier = new LlmErrorClassifier(endpoint.Name, redactor, options.TimeProvider),
                Concurrency = limiters[endpoint.Name],
                TokenBudget = budgets.GetValueOrDefault(endpoint.Name),
                Usage = usage,
                Prices = endpoint.Prices,
                Retry = new RetryOptions { MaxRetries = endpoint.MaxRetries, BaseDelay = options.RetryBaseDelay, TimeProvider = options.TimeProvider, TotalTimeout = endpoint.CallTimeout },
                Breaker = breakers[endpoint.Name],
                Cache = cache,
                CacheKeyValues = [endpoint.Provider, endpoint.BaseUrl ?? ""],
                LoggerFactory = options.LoggerFactory,
            });
            roles[role] = new RoleModel(client, roleConfig.Settings, endpoint.Name);
        }
        return new LlmSetup(roles, config, usage, limiters);
    }

    /// <summary>One line per role for metadata and the run summary, e.g. <c>agent: endpoint=local model=qwen3</c>; never a key.</summary>
    public IReadOnlyList<string> Describe() =>
        [.. LlmRoles.All.Select(r => $"{r.ConfigName()}: {(this[r] is { } m ? m.Describe() : "rule-based")}")];

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var model in _roles.Values) model.Client.Dispose();
    }

    private static string? KeyOf(EndpointSettings endpoint, SecretStore secrets)
    {
        var key = secrets.Get(endpoint.KeyVariable);
        if (key is not null) return key;
        var needed = endpoint.ApiKeyEnv is not null || endpoint.Provider == ChatProviderFactory.Anthropic
            || (endpoint.Provider == ChatProviderFactory.OpenAi && endpoint.BaseUrl is null);
        return needed
            ? throw ParleyException.InvalidOption($"endpoints.{endpoint.Name}.api_key_env", $"no API key: set the environment variable {endpoint.KeyVariable} or add it to the secrets file")
            : null;
    }
}
