using Microsoft.Extensions.AI;
using Parley.Dialogues;

namespace Parley.Llm;

/// <summary>Adds up the usage of every response that passes through it, repairs included; one per role call.</summary>
/// <remarks>
/// Not thread-safe: wrap the client for one sequence of calls. A role's call goes through <see cref="RunAsync{T}"/>, so a
/// model failure carries the tokens the call had already spent.
/// </remarks>
internal sealed class UsageCountingChatClient(IChatClient inner) : DelegatingChatClient(inner)
{
    /// <summary>The usage so far.</summary>
    public TokenUsage Usage { get; private set; } = TokenUsage.None;

    /// <summary>Responses received so far.</summary>
    public int Responses => (int)Usage.Requests;

    /// <summary>
    /// Runs one role call made through this counter; a model failure without usage is rethrown with the usage counted
    /// so far (<see cref="LlmException.WithUsage"/>), so the tokens a failed call spent are never lost.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (LlmException e) when (e.Usage is null)
        {
            throw e.WithUsage(Usage);
        }
    }

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var response = await base.GetResponseAsync(messages, options, cancellationToken);
        Usage += LlmUsage.Of(response);
        return response;
    }
}
