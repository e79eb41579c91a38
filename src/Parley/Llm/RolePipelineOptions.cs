using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;

namespace Parley.Llm;

/// <summary>What <see cref="LlmPipeline.ForRole"/> layers around a provider client; the shared parts are per endpoint.</summary>
internal sealed record RolePipelineOptions
{
    /// <summary>The role's name in usage reports, e.g. <c>agent</c>.</summary>
    public required string Role { get; init; }

    /// <summary>Maps provider exceptions to <see cref="LlmException"/>s.</summary>
    public required LlmErrorClassifier Classifier { get; init; }

    /// <summary>The endpoint's concurrency limit (shared by its roles).</summary>
    public required AdaptiveConcurrencyLimiter Concurrency { get; init; }

    /// <summary>The run's usage meter (shared by all roles).</summary>
    public required UsageMeter Usage { get; init; }

    /// <summary>The endpoint's circuit breaker (shared by its roles), or null for none.</summary>
    public EndpointBreaker? Breaker { get; init; }

    /// <summary>The endpoint's token budget (shared by its roles), or null for none.</summary>
    public TokenBudget? TokenBudget { get; init; }

    /// <summary>How transient failures are retried.</summary>
    public RetryOptions Retry { get; init; } = new();

    /// <summary>The endpoint's prices.</summary>
    public ModelPrices Prices { get; init; } = ModelPrices.Free;

    /// <summary>A response cache, or null for none.</summary>
    public IDistributedCache? Cache { get; init; }

    /// <summary>Values added to every cache key besides the request itself (provider and base URL: the same request to another server is another reply).</summary>
    public IReadOnlyList<object> CacheKeyValues { get; init; } = [];

    /// <summary>Logs each call through M.E.AI's logging layer when set; telemetry uses it too.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }
}
