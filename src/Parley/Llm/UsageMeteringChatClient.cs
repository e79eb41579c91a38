using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Parley.Llm;

/// <summary>
/// Records each call's reported usage in a <see cref="UsageMeter"/> under a role name, and
/// stamps the call's cost on the response's usage, so the roles' per-dialogue usage carries it. It sits outside the
/// response cache, so a reply served from cache is metered too, as its <see cref="Parley.Dialogues.TokenUsage.FromCache"/> share.
/// Failures are counted further in, by <see cref="FailureCountingChatClient"/>.
/// </summary>
internal sealed class UsageMeteringChatClient(IChatClient innerClient, UsageMeter meter, string role, ModelPrices prices) : DelegatingChatClient(innerClient)
{
    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var response = await base.GetResponseAsync(messages, options, cancellationToken);
        LlmUsage.StampCost(response, prices);
        meter.Record(role, LlmUsage.Of(response));
        return response;
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var usage = new UsageDetails();
        await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken))
        {
            foreach (var content in update.Contents.OfType<UsageContent>()) usage.Add(content.Details);
            yield return update;
        }
        meter.Record(role, LlmUsage.Of(usage, prices));
    }
}
