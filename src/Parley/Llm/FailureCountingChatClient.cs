using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Parley.Llm;

/// <summary>
/// Counts each call that failed after its retries in a <see cref="UsageMeter"/>, by kind. It sits between the circuit
/// breaker and the retry layer: below the breaker, which replaces the cause with the endpoint's error (and fails later
/// calls without sending them), and above the retries, so a failure counts once.
/// </summary>
internal sealed class FailureCountingChatClient(IChatClient innerClient, UsageMeter meter) : DelegatingChatClient(innerClient)
{
    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.GetResponseAsync(messages, options, cancellationToken);
        }
        catch (LlmException e)
        {
            meter.RecordFailure(e.Kind);
            throw;
        }
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var updates = base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            try
            {
                if (!await updates.MoveNextAsync()) break;
            }
            catch (LlmException e)
            {
                meter.RecordFailure(e.Kind);
                throw;
            }
            yield return updates.Current;
        }
    }
}
