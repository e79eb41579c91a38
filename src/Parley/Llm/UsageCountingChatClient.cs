using Microsoft.Extensions.AI;
using Parley.Dialogues;

namespace Parley.Llm;

/// <summary>Adds up the usage of every response that passes through it, repairs included; one per role call.</summary>
/// <remarks>Not thread-safe: wrap the client for one sequence of calls.</remarks>
internal sealed class UsageCountingChatClient(IChatClient inner) : DelegatingChatClient(inner)
{
    /// <summary>The usage so far.</summary>
    public TokenUsage Usage { get; private set; } = TokenUsage.None;

    /// <summary>Responses received so far.</summary>
    public int Responses => (int)Usage.Requests;

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var response = await base.GetResponseAsync(messages, options, cancellationToken);
        Usage += LlmUsage.Of(response);
        return response;
    }
}
