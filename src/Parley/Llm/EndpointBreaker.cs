namespace Parley.Llm;

/// <summary>
/// The circuit breaker of one endpoint, shared by every role that calls it: the first call that fails in a way no retry
/// fixes (<see cref="LlmFailureKinds.IsFatal"/>, after its retries) opens it, and from then on every call fails at once
/// with the same <see cref="ParleyException.EndpointUnavailable"/>, so a dead endpoint stops the run instead of
/// rejecting each dialogue after its own round of retries.
/// </summary>
/// <remarks>Thread-safe. It never closes again within a run: the cause (a key, a URL, a server) needs a person, and the
/// run resumes once it is fixed.</remarks>
public sealed class EndpointBreaker(string endpoint, string? baseUrl)
{
    private ParleyException? _open;

    /// <summary>The endpoint as messages name it, e.g. <c>'local' (http://localhost:8000/v1)</c>.</summary>
    public string Endpoint { get; } = baseUrl is null ? $"'{endpoint}'" : $"'{endpoint}' ({baseUrl})";

    /// <summary>The error every call gets once the breaker is open, or null while it is closed.</summary>
    public ParleyException? Open => Volatile.Read(ref _open);

    /// <summary>Opens the breaker with <paramref name="cause"/> (the first cause wins) and returns the error to throw.</summary>
    public ParleyException Trip(LlmException cause)
    {
        var error = ParleyException.EndpointUnavailable(Endpoint, $"{cause.Kind.Label()}: {Detail(cause)}{Advice(cause.Kind)}");
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
