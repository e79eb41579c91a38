using Microsoft.Extensions.AI;

namespace Parley.Llm;

/// <summary>Adds <see cref="RetryingChatClient"/> to a pipeline.</summary>
internal static class RetryingChatClientBuilderExtensions
{
    /// <summary>Retries transient <see cref="LlmException"/>s from the layers below.</summary>
    public static ChatClientBuilder UseLlmRetry(this ChatClientBuilder builder, RetryOptions? options = null) =>
        builder.Use(inner => new RetryingChatClient(inner, options ?? new RetryOptions()));
}
