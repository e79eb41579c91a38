using Microsoft.Extensions.AI;

namespace Parley.Tests.TestDoubles;

/// <summary>
/// An <see cref="IChatClient"/> that answers from a script: each call takes the next reply (or asks
/// <see cref="Respond"/>), and every request is recorded for assertions.
/// </summary>
public sealed class ScriptedChatClient : IChatClient
{
    private readonly Queue<Func<IReadOnlyList<ChatMessage>, ChatOptions?, ChatResponse>> _script = new();
    private readonly Lock _gate = new();

    /// <summary>Answers when the script is empty; throws by default so an unexpected call fails the test.</summary>
    public Func<IReadOnlyList<ChatMessage>, ChatOptions?, ChatResponse> Respond { get; set; } =
        (_, _) => throw new InvalidOperationException("the script has no more replies");

    /// <summary>Every request received, in order.</summary>
    public List<(IReadOnlyList<ChatMessage> Messages, ChatOptions? Options)> Requests { get; } = [];

    /// <summary>Queues a plain-text reply.</summary>
    public ScriptedChatClient Reply(string text, ChatFinishReason? finish = null) =>
        Then((_, _) => new ChatResponse(new ChatMessage(ChatRole.Assistant, text)) { FinishReason = finish ?? ChatFinishReason.Stop });

    /// <summary>Queues a reply that calls tools.</summary>
    public ScriptedChatClient ReplyWithCalls(params FunctionCallContent[] calls) =>
        Then((_, _) => new ChatResponse(new ChatMessage(ChatRole.Assistant, [.. calls])) { FinishReason = ChatFinishReason.ToolCalls });

    /// <summary>Queues an exception.</summary>
    public ScriptedChatClient Throw(Exception exception) => Then((_, _) => throw exception);

    /// <summary>Queues a computed reply.</summary>
    public ScriptedChatClient Then(Func<IReadOnlyList<ChatMessage>, ChatOptions?, ChatResponse> reply)
    {
        lock (_gate) _script.Enqueue(reply);
        return this;
    }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        Func<IReadOnlyList<ChatMessage>, ChatOptions?, ChatResponse> next;
        lock (_gate)
        {
            Requests.Add((list, options));
            next = _script.Count > 0 ? _script.Dequeue() : Respond;
        }
        return Task.FromResult(next(list, options));
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates()) yield return update;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}
