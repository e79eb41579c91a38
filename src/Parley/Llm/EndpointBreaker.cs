namespace Parley.Llm;

/// <summary>
/// The circuit breaker of one endpoint, shared by every role that calls it: the first call that fails in a way no retry
/// fixes (<see cref="LlmFailureKinds.IsFatal"/>, after its retries) opens it, and from then on every call fails at once
/// with the same <see cref="ParleyException.EndpointUnavailable"/>, so a dead endpoint stops the run instead of
/// rejecting each dialogue after its own round of retries. So does a run of <c>maxConsecutiveFailures</c> calls in a
/// row that failed after their retries for any reason a request of its own does not explain (5xx, 429, broken bodies,
/// 400s): an endpoint that answers every call with an error is down, whatever the status says.
/// </summary>
/// <remarks>Thread-safe. It never closes again within a run: the cause (a key, a URL, a server) needs a person, and the
/// run resumes once it is fixed.</remarks>
internal sealed class EndpointBreaker(string endpoint, string? baseUrl, int maxConsecutiveFailures = EndpointBreaker.DefaultMaxConsecutiveFailures)
{
    /// <summary>Calls in a row that may fail after their retries before the endpoint counts as down.</summary>
    public const int DefaultMaxConsecutiveFailures = 8;

    private ParleyException? _open;
    private int _failures;

    /// <summary>The endpoint as messages name it, e.g. <c>'local' (http://localhost:8000/v1)</c>.</summary>
    public string Endpoint { get; } = baseUrl is null ? $"'{endpoint}'" : $"'{endpoint}' ({baseUrl})";

    /// <summary>The error every call gets once the breaker is open, or null while it is closed.</summary>
    public ParleyException? Open => Volatile.Read(ref _open);

    /// <summary>Opens the breaker with <paramref name="cause"/> (the first cause wins) and returns the error to throw.</summary>
    public ParleyException Trip(LlmException cause) => Trip(cause, "");

    /// <summary>A call succeeded: the count of failures in a row starts again.</summary>
    public void Succeeded() => Volatile.Write(ref _failures, 0);

    /// <summary>
    /// A call failed after its retries with <paramref name="failure"/>, not a fatal kind: the error to throw instead when
    /// it makes too many in a row, else null (the caller's own failure stands). Failures a request explains by itself
    /// (its context is too long, its content was filtered) do not count.
    /// </summary>
    public ParleyException? Failed(LlmException failure)
    {
        if (failure.Kind is LlmFailureKind.ContextLength or LlmFailureKind.ContentFilter) return null;
        var failures = Interlocked.Increment(ref _failures);
        return failures >= maxConsecutiveFailures ? Trip(failure, $" ({failures} calls in a row failed after their retries)") : null;
    }

    private ParleyException Trip(LlmException cause, string note)
    {
        var error = ParleyException.EndpointUnavailable(Endpoint, $"{cause.Kind.Label()}: {Detail(cause)}{note}{Advice(cause.Kind)}");
        return Interlocked.CompareExchange(ref _open, error, null) ?? error;
    }

    // Transport messages start "endpoint: kind: "; the breaker's own message already names both.
    private static string Detail(LlmException cause)
    {
        var marker = $": {cause.Kind.Label()}: ";
        var at = cause.Message.IndexOf(marker, StringComparison.Ordinal);
        return at >= 0 ? cause.Message[(at + marker.Length)..] : cause.Message;
    }

    private static string Advice(LlmFailureKind kind) => kind switch
    {
        LlmFailureKind.Unauthorized => " (check the API key and its variable)",
        LlmFailureKind.NotFound => " (check the base URL, which usually ends in /v1, and the model name)",
        LlmFailureKind.Unreachable => " (is the server running at that address?)",
        LlmFailureKind.Timeout => " (the server gave no reply in time; see timeout_seconds and call_timeout_seconds)",
        _ => "",
    };
}
