using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Parley.Llm;

/// <summary>Turns provider exceptions into <see cref="LlmException"/>s, so the layers above see one failure vocabulary.</summary>
internal sealed class ErrorClassifyingChatClient(IChatClient innerClient, LlmErrorClassifier classifier) : DelegatingChatClient(innerClient)
{
    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.GetResponseAsync(messages, options, cancellationToken);
        }
        catch (Exception e) when (classifier.Classify(e, cancellationToken) is { } failure && !ReferenceEquals(failure, e))
        {
            throw failure;
        }
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var updates = base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            ChatResponseUpdate update;
            try
            {
                if (!await updates.MoveNextAsync()) yield break;
                update = updates.Current;
            }
            catch (Exception e) when (classifier.Classify(e, cancellationToken) is { } failure && !ReferenceEquals(failure, e))
            {
                throw failure;
            }
            yield return update;
        }
    }
}
