using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Parley.Llm;

/// <summary>Holds a slot of the endpoint's <see cref="AdaptiveConcurrencyLimiter"/> for each call and reports how it ended.</summary>
/// <remarks>Place it below the retry layer (a waiting retry holds no slot) and above <see cref="ErrorClassifyingChatClient"/>
/// (it reads <see cref="LlmException.Kind"/>).</remarks>
internal sealed class ConcurrencyLimitingChatClient(IChatClient innerClient, AdaptiveConcurrencyLimiter limiter) : DelegatingChatClient(innerClient)
{
    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var lease = await limiter.AcquireAsync(cancellationToken);
        try
        {
            var response = await base.GetResponseAsync(messages, options, cancellationToken);
            lease.Release(AdaptiveConcurrencyLimiter.CallOutcome.Success);
            return response;
        }
        catch (Exception e)
        {
            lease.Release(OutcomeOf(e));
            throw;
        }
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var lease = await limiter.AcquireAsync(cancellationToken);
        var outcome = AdaptiveConcurrencyLimiter.CallOutcome.Neutral;
        try
        {
            await using var updates = base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
            while (true)
            {
                try
                {
                    if (!await updates.MoveNextAsync()) break;
                }
                catch (Exception e)
                {
                    outcome = OutcomeOf(e);
                    throw;
                }
                yield return updates.Current;
            }
            outcome = AdaptiveConcurrencyLimiter.CallOutcome.Success;
        }
        finally
        {
            lease.Release(outcome);
        }
    }

    private static AdaptiveConcurrencyLimiter.CallOutcome OutcomeOf(Exception e) =>
        e is LlmException { Kind: LlmFailureKind.RateLimited or LlmFailureKind.Timeout }
            ? AdaptiveConcurrencyLimiter.CallOutcome.Overloaded
            : AdaptiveConcurrencyLimiter.CallOutcome.Neutral;
}
