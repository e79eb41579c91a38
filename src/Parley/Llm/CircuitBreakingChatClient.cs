using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Parley.Llm;

/// <summary>Fails every call at once while the endpoint's <see cref="EndpointBreaker"/> is open, and opens it on a failure no retry fixes.</summary>
/// <remarks>Place it above the retry layer: a failure counts only once its retries are spent.</remarks>
internal sealed class CircuitBreakingChatClient(IChatClient innerClient, EndpointBreaker breaker) : DelegatingChatClient(innerClient)
{
    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (breaker.Open is { } open) throw open;
        try
        {
            var response = await base.GetResponseAsync(messages, options, cancellationToken);
            breaker.Succeeded();
            return response;
        }
        catch (LlmException e) when (e.Kind.IsFatal())
        {
            throw breaker.Trip(e);
        }
        catch (LlmException e) when (breaker.Failed(e) is { } down)
        {
            throw down;
        }
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (breaker.Open is { } open) throw open;
        await using var updates = base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            try
            {
                if (!await updates.MoveNextAsync()) break;
            }
            catch (LlmException e) when (e.Kind.IsFatal())
            {
                throw breaker.Trip(e);
            }
            catch (LlmException e) when (breaker.Failed(e) is { } down)
            {
                throw down;
            }
            yield return updates.Current;
        }
        breaker.Succeeded();
    }
}
