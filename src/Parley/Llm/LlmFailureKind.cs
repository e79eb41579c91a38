using Parley.Dialogues;

namespace Parley.Llm;

/// <summary>Why a model call did not give a usable reply; transient kinds are retried, the others handled or rejected.</summary>
public enum LlmFailureKind
{
    /// <summary>429 Too Many Requests.</summary>
    RateLimited,

    /// <summary>A 5xx from the endpoint.</summary>
    ServerError,

    /// <summary>The request timed out.</summary>
    Timeout,

    /// <summary>The connection failed or was reset.</summary>
    Connection,

    /// <summary>A 400 or other client error that a retry will not fix.</summary>
    BadRequest,

    /// <summary>The prompt exceeds the model's context window.</summary>
    ContextLength,

    /// <summary>The endpoint's content filter blocked the request or reply.</summary>
    ContentFilter,

    /// <summary>The endpoint rejected the credentials.</summary>
    Unauthorized,

    /// <summary>The reply had no content.</summary>
    Empty,

    /// <summary>The reply was not the JSON asked for, or did not match its schema.</summary>
    InvalidJson,

    /// <summary>The model declined.</summary>
    Refusal,

    /// <summary>The reply was cut off by the token limit.</summary>
    Truncated,

    /// <summary>The model called a tool that does not exist.</summary>
    UnknownTool,

    /// <summary>Nothing answers at the endpoint's address: the connection was refused or the host name does not resolve.</summary>
    Unreachable,

    /// <summary>The endpoint has no such path or model (404, or a model the server does not serve).</summary>
    NotFound,
}

/// <summary>Extensions for <see cref="LlmFailureKind"/>.</summary>
internal static class LlmFailureKinds
{
    /// <summary>True for kinds a retry can fix (rate limits, server errors, timeouts, connection resets).</summary>
    public static bool IsTransient(this LlmFailureKind kind) =>
        kind is LlmFailureKind.RateLimited or LlmFailureKind.ServerError or LlmFailureKind.Timeout or LlmFailureKind.Connection or LlmFailureKind.Unreachable;

    /// <summary>
    /// True for kinds that no later call to the same endpoint can escape once its retries are spent: wrong credentials, a
    /// wrong path or model, nothing listening, no reply in time. They stop the run (see <see cref="EndpointBreaker"/>)
    /// instead of rejecting one dialogue after another.
    /// </summary>
    public static bool IsFatal(this LlmFailureKind kind) =>
        kind is LlmFailureKind.Unauthorized or LlmFailureKind.NotFound or LlmFailureKind.Unreachable or LlmFailureKind.Timeout;

    /// <summary>The snake_case name used in metadata and reports.</summary>
    public static string Label(this LlmFailureKind kind) => kind switch
    {
        LlmFailureKind.RateLimited => "rate_limited",
        LlmFailureKind.ServerError => "server_error",
        LlmFailureKind.Timeout => "timeout",
        LlmFailureKind.Connection => "connection",
        LlmFailureKind.BadRequest => "bad_request",
        LlmFailureKind.ContextLength => "context_length",
        LlmFailureKind.ContentFilter => "content_filter",
        LlmFailureKind.Unauthorized => "unauthorized",
        LlmFailureKind.Empty => "empty",
        LlmFailureKind.InvalidJson => "invalid_json",
        LlmFailureKind.Refusal => "refusal",
        LlmFailureKind.Truncated => "truncated",
        LlmFailureKind.Unreachable => "unreachable",
        LlmFailureKind.NotFound => "not_found",
        _ => "unknown_tool",
    };
}

/// <summary>
/// A model call that failed in a way the caller handles (the dialogue is repaired, shortened or rejected with this
/// reason); never a bug. The message carries no secrets.
/// </summary>
public sealed class LlmException(LlmFailureKind kind, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>Why the call failed.</summary>
    public LlmFailureKind Kind { get; } = kind;

    /// <summary>How long the endpoint asked us to wait (from <c>Retry-After</c>), if it said.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Tokens the failed role call spent before it gave up (replies that needed repair still cost), when the role counted them.</summary>
    public TokenUsage? Usage { get; init; }

    /// <summary>This failure, carrying <paramref name="usage"/> (a role adds what its call spent before rethrowing).</summary>
    public LlmException WithUsage(TokenUsage usage) => new(Kind, Message, InnerException) { RetryAfter = RetryAfter, Usage = usage };

    /// <summary>What failed: <c>kind: message</c>, naming the kind once (transport messages already start <c>endpoint: kind:</c>).</summary>
    public string Detail => Message.Contains($": {Kind.Label()}: ", StringComparison.Ordinal) ? Message : $"{Kind.Label()}: {Message}";

    /// <summary>The rejection: the <see cref="CheckKind.Llm"/> check with <see cref="Detail"/>.</summary>
    public Problem Problem => new(new CheckName(CheckKind.Llm), Detail);

    /// <summary>The rejection reason as written: <c>llm: kind: message</c>.</summary>
    public string Reason => Problem.ToString();
}
