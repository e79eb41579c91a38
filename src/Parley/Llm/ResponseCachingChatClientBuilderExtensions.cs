using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;

namespace Parley.Llm;

/// <summary>Adds <see cref="ResponseCachingChatClient"/> to a pipeline.</summary>
internal static class ResponseCachingChatClientBuilderExtensions
{
    /// <summary>Answers repeated requests from <paramref name="storage"/>; <paramref name="keyValues"/> join every key (e.g. the endpoint's provider and URL).</summary>
    public static ChatClientBuilder UseResponseCache(this ChatClientBuilder builder, IDistributedCache storage, IReadOnlyList<object>? keyValues = null) =>
        builder.Use(inner => new ResponseCachingChatClient(inner, storage) { CacheKeyAdditionalValues = [.. keyValues ?? []] });
}
