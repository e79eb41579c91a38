using Microsoft.Extensions.AI;

namespace Parley.Llm;

/// <summary>Adds <see cref="CircuitBreakingChatClient"/> to a pipeline.</summary>
internal static class CircuitBreakingChatClientBuilderExtensions
{
    /// <summary>Stops calls through this pipeline once <paramref name="breaker"/> is open (share one breaker per endpoint).</summary>
    public static ChatClientBuilder UseCircuitBreaker(this ChatClientBuilder builder, EndpointBreaker breaker) =>
        builder.Use(inner => new CircuitBreakingChatClient(inner, breaker));
}
