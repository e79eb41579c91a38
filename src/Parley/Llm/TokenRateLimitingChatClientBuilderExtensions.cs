using Microsoft.Extensions.AI;

namespace Parley.Llm;

/// <summary>Adds <see cref="TokenRateLimitingChatClient"/> to a pipeline.</summary>
internal static class TokenRateLimitingChatClientBuilderExtensions
{
    /// <summary>Spends tokens from <paramref name="budget"/> for each call (share one budget per endpoint).</summary>
    public static ChatClientBuilder UseTokenRateLimit(this ChatClientBuilder builder, TokenBudget budget) =>
        builder.Use(inner => new TokenRateLimitingChatClient(inner, budget));
}
