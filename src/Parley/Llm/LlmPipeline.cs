using Microsoft.Extensions.AI;

namespace Parley.Llm;

/// <summary>Composes the robustness layers around a provider client, in one fixed order.</summary>
internal static class LlmPipeline
{
    /// <summary>The name of Parley's OpenTelemetry activity source and meter.</summary>
    public const string TelemetrySource = "Parley";

    /// <summary>
    /// Layers, outermost first: telemetry → logging → usage meter → response cache → circuit breaker → failure count →
    /// retry → token budget → adaptive concurrency → error classification → <paramref name="provider"/>. A cache hit
    /// costs nothing, is metered as served from cache (so a cached re-run still reports what its artifacts cost) and works
    /// while the endpoint is down; the breaker and the failure count see a failure only once its retries are spent; a
    /// retry waits holding no concurrency slot; classification sits innermost so every layer above sees <see cref="LlmException"/>s.
    /// </summary>
    public static IChatClient ForRole(IChatClient provider, RolePipelineOptions options)
    {
        var builder = new ChatClientBuilder(provider).UseOpenTelemetry(options.LoggerFactory, TelemetrySource);
        if (options.LoggerFactory is { } logging) builder.UseLogging(logging);
        builder.UseUsageMeter(options.Usage, options.Role, options.Prices);
        if (options.Cache is { } cache) builder.UseResponseCache(cache, options.CacheKeyValues);
        if (options.Breaker is { } breaker) builder.UseCircuitBreaker(breaker);
        builder.UseFailureCount(options.Usage).UseLlmRetry(options.Retry);
        if (options.TokenBudget is { } budget) builder.UseTokenRateLimit(budget);
        return builder.UseAdaptiveConcurrency(options.Concurrency).UseErrorClassification(options.Classifier).Build();
    }
}
