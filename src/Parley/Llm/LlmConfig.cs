namespace Parley.Llm;

/// <summary>
/// The model configuration of a run, as read from parley.yaml or built from the <c>--llm</c> flags: plain data, no
/// clients and no keys. <see cref="LlmSetup.Create"/> turns it into clients.
/// </summary>
public sealed record LlmConfig
{
    /// <summary>Endpoints by name.</summary>
    public IReadOnlyDictionary<string, EndpointSettings> Endpoints { get; init; } = new Dictionary<string, EndpointSettings>();

    /// <summary>The roles played by models; a role not listed is rule-based.</summary>
    public IReadOnlyDictionary<LlmRole, RoleConfig> Roles { get; init; } = new Dictionary<LlmRole, RoleConfig>();

    /// <summary>How the agent is offered tools.</summary>
    public ToolCallingStyle ToolCalling { get; init; } = ToolCallingStyle.Native;

    /// <summary>How tool calls get results.</summary>
    public ToolExecutionMode ToolMode { get; init; } = ToolExecutionMode.Sql;

    /// <summary>Where model replies are cached between runs, or null for no cache.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>A secrets file (<c>NAME: key</c> lines) consulted before the environment, or null.</summary>
    public string? SecretsFile { get; init; }

    /// <summary>
    /// Dialogues worth keeping in flight for these models: the sum of the used endpoints' <see cref="EndpointSettings.MaxConcurrency"/>
    /// (each dialogue makes one call at a time, and each endpoint's adaptive limit decides how many of them run at once); 0 without models.
    /// </summary>
    public int DialogueConcurrency => Roles.Values.Select(r => r.Endpoint).Distinct().Sum(e => Endpoints[e].MaxConcurrency);

    /// <summary>
    /// Each LLM role's model for the manifest, e.g. <c>judge: endpoint=local provider=openai base_url=http://… model=qwen3
    /// temperature=0 prompts=judge.md@0123456789ab</c>; never a key. Empty when every role is rule-based.
    /// </summary>
    public IReadOnlyDictionary<string, string> Describe() => Roles.OrderBy(r => r.Key).ToDictionary(r => r.Key.ConfigName(), r =>
    {
        var e = Endpoints[r.Value.Endpoint];
        var calling = r.Key == LlmRole.Agent ? $" tool_calling={(ToolCalling == ToolCallingStyle.Text ? "text" : "native")}" : "";
        return $"endpoint={e.Name} provider={e.Provider}{(e.BaseUrl is { } url ? " base_url=" + url : "")} {r.Value.Settings.Describe()}{calling} prompts={r.Key.Prompts()}";
    });

    /// <summary>No models at all: every role rule-based.</summary>
    public static LlmConfig RuleBased { get; } = new();

    /// <summary>
    /// The configuration of the <c>--llm URL --model NAME</c> flags: one OpenAI-compatible endpoint named <c>llm</c>
    /// playing <paramref name="roles"/>; the other roles stay rule-based.
    /// </summary>
    public static LlmConfig FromFlags(string baseUrl, string model, IEnumerable<LlmRole> roles, string? apiKeyEnv = null, string? cacheDirectory = null, int maxConcurrency = 8)
    {
        var endpoint = new EndpointSettings { Name = "llm", Provider = ChatProviderFactory.OpenAi, BaseUrl = baseUrl, ApiKeyEnv = apiKeyEnv, MaxConcurrency = maxConcurrency };
        return new LlmConfig
        {
            Endpoints = new Dictionary<string, EndpointSettings> { [endpoint.Name] = endpoint },
            Roles = roles.Distinct().ToDictionary(r => r, _ => new RoleConfig(endpoint.Name, new LlmRoleSettings { Model = model })),
            CacheDirectory = cacheDirectory,
        };
    }
}
