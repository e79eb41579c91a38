using Microsoft.Extensions.AI;
using Polly;
using Polly.Retry;

namespace Parley.Llm;

/// <summary>
/// Retries transient failures (<see cref="LlmFailureKinds.IsTransient"/>, and malformed response bodies) with exponential backoff and jitter, waiting at
/// least as long as the endpoint's <c>Retry-After</c> asks; other failures surface at once. Built on a Polly pipeline.
/// </summary>
/// <remarks>Place it above <see cref="ErrorClassifyingChatClient"/>, which produces the <see cref="LlmException"/>s it
/// inspects. Jitter only changes when a request is sent, never its content, so output stays deterministic. Streaming
/// calls are passed through without retries: a stream that failed half-way cannot be replayed transparently.</remarks>
internal sealed class RetryingChatClient : DelegatingChatClient
{
    private readonly ResiliencePipeline _pipeline;
    private readonly TimeSpan _totalTimeout;

    /// <summary>Wraps <paramref name="innerClient"/> with the retry policy <paramref name="options"/>.</summary>
    public RetryingChatClient(IChatClient innerClient, RetryOptions options) : base(innerClient)
    {
        _totalTimeout = options.TotalTimeout;
        var builder = new ResiliencePipelineBuilder { TimeProvider = options.TimeProvider };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                // Below the roles, invalid JSON or an empty reply can only be a broken response body (a 200 cut short by
                // a proxy or a crashing server, one without choices), a transport glitch like a dropped connection; bad
                // JSON content and empty messages are the roles' to repair.
                ShouldHandle = new PredicateBuilder().Handle<LlmException>(e => e.Kind.IsTransient() || e.Kind is LlmFailureKind.InvalidJson or LlmFailureKind.Empty),
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = options.UseJitter,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Exception is LlmException { RetryAfter: { } wait }
                    ? (TimeSpan?)TimeSpan.FromTicks(Math.Min(Math.Max(wait.Ticks, 0), options.MaxDelay.Ticks))
                    : null),
            });
        }
        _pipeline = builder.Build();
    }

    /// <inheritdoc />
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var request = (Inner: InnerClient, Messages: messages as IReadOnlyList<ChatMessage> ?? [.. messages], Options: options);
        // Bounds the whole call on the wall clock, so a server that accepts connections and never answers cannot hold a
        // dialogue for (retries + 1) × the response timeout. (Not on the backoff clock: a test's instant clock would end it at once.)
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_totalTimeout);
        try
        {
            return await _pipeline.ExecuteAsync(
                static (state, ct) => new ValueTask<ChatResponse>(state.Inner.GetResponseAsync(state.Messages, state.Options, ct)), request, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && deadline.IsCancellationRequested)
        {
            throw new LlmException(LlmFailureKind.Timeout, $"no usable reply within {_totalTimeout.TotalSeconds:0.###} s, retries included");
        }
    }
}
