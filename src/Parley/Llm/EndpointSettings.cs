namespace Parley.Llm;

/// <summary>One model endpoint from parley.yaml (or the <c>--llm</c> flags). Holds the name of the key's variable, never the key.</summary>
public sealed record EndpointSettings
{
    /// <summary>The endpoint's name in parley.yaml.</summary>
    public required string Name { get; init; }

    /// <summary><c>openai</c> (any OpenAI-compatible server), <c>ollama</c> or <c>anthropic</c>.</summary>
    public required string Provider { get; init; }

    /// <summary>The base URL, e.g. <c>http://localhost:8000/v1</c>; null for the provider's public API.</summary>
    public string? BaseUrl { get; init; }

    /// <summary>The environment variable (or secrets-file entry) holding the API key; null for the provider's default.</summary>
    public string? ApiKeyEnv { get; init; }

    /// <summary>The ceiling of the adaptive concurrency limit.</summary>
    public int MaxConcurrency { get; init; } = 8;

    /// <summary>Tokens per minute the endpoint allows, or null for no limit.</summary>
    public long? TokensPerMinute { get; init; }

    /// <summary>What the endpoint charges.</summary>
    public ModelPrices Prices { get; init; } = ModelPrices.Free;

    /// <summary>The limit on one request's reply (one attempt), from sending it to the last byte of the answer.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>The limit on opening a connection (one attempt).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The limit on one call, every retry and backoff included; a call that hits it fails as a timeout, which stops the run.</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Calls in a row that may fail after their retries before the endpoint counts as down and the run stops.</summary>
    public int MaxConsecutiveFailures { get; init; } = EndpointBreaker.DefaultMaxConsecutiveFailures;

    /// <summary>Retries of transient failures per call.</summary>
    public int MaxRetries { get; init; } = 6;

    /// <summary>The variable read for the key: <see cref="ApiKeyEnv"/> or the provider's usual one.</summary>
    public string KeyVariable => ApiKeyEnv ?? (Provider == ChatProviderFactory.Anthropic ? "ANTHROPIC_API_KEY" : "OPENAI_API_KEY");
}
