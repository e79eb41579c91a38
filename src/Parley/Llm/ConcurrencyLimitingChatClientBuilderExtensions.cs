using Microsoft.Extensions.AI;

namespace Parley.Llm;

/// <summary>Adds <see cref="ConcurrencyLimitingChatClient"/> to a pipeline.</summary>
internal static class ConcurrencyLimitingChatClientBuilderExtensions
{
    /// <summary>Limits calls through this pipeline with <paramref name="limiter"/> (share one limiter per endpoint).</summary>
    public static ChatClientBuilder UseAdaptiveConcurrency(this ChatClientBuilder builder, AdaptiveConcurrencyLimiter limiter) =>
        builder.Use(inner => new ConcurrencyLimitingChatClient(inner, limiter));
}
