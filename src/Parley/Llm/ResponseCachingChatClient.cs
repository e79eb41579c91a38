using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;

namespace Parley.Llm;

/// <summary>
/// M.E.AI's <see cref="DistributedCachingChatClient"/> with the offered tools' declarations (name, description, JSON
/// schema) added to the key: the stock key serialises <see cref="ChatOptions"/> without its tools, so two requests that
/// differ only in tools would otherwise share a reply. A reply read back from the cache is marked
/// (<see cref="LlmUsage.MarkFromCache"/>) so the usage meter outside this layer can tell tokens served from cache from tokens spent.
/// </summary>
internal sealed class ResponseCachingChatClient(IChatClient innerClient, IDistributedCache storage) : DistributedCachingChatClient(innerClient, storage)
{
    /// <inheritdoc />
    protected override string GetCacheKey(IEnumerable<ChatMessage> messages, ChatOptions? options, params ReadOnlySpan<object?> additionalValues)
    {
        var tools = options?.Tools is { Count: > 0 } list ? string.Join('\n', list.Select(Declaration)) : "";
        return base.GetCacheKey(messages, options, [.. additionalValues, tools]);
    }

    /// <inheritdoc />
    protected override async Task<ChatResponse?> ReadCacheAsync(string key, CancellationToken cancellationToken)
    {
        var response = await base.ReadCacheAsync(key, cancellationToken);
        if (response is not null) LlmUsage.MarkFromCache(response);
        return response;
    }

    private static string Declaration(AITool tool) =>
        tool is AIFunctionDeclaration function ? $"{function.Name}|{function.Description}|{function.JsonSchema.GetRawText()}" : $"{tool.GetType().Name}|{tool.Name}";
}
