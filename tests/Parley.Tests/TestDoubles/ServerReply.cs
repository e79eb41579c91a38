namespace Parley.Tests.TestDoubles;

/// <summary>A tool call in a scripted reply; <paramref name="Arguments"/> is the JSON text sent as <c>function.arguments</c>.</summary>
public sealed record ServerToolCall(string Id, string Name, string Arguments);

/// <summary>Token counts a scripted reply reports.</summary>
public sealed record ServerUsage(int PromptTokens, int CompletionTokens, int CachedTokens = 0);

/// <summary>What <see cref="OpenAiProtocolServer"/> answers to one request.</summary>
public abstract record ServerReply
{
    /// <summary>A normal completion (content and/or tool calls).</summary>
    public sealed record Message(string? Content, IReadOnlyList<ServerToolCall> ToolCalls, string FinishReason, ServerUsage? Usage) : ServerReply;

    /// <summary>An HTTP error with a JSON or raw body and optional headers.</summary>
    public sealed record Failure(int Status, string Body, IReadOnlyDictionary<string, string> Headers) : ServerReply;

    /// <summary>A 200 whose body is not valid JSON.</summary>
    public sealed record Malformed(string Body) : ServerReply;

    /// <summary>Waits, then answers with <paramref name="Reply"/>.</summary>
    public sealed record Delayed(TimeSpan Delay, ServerReply Reply) : ServerReply;

    /// <summary>Closes the connection without an answer.</summary>
    public sealed record Dropped : ServerReply;

    /// <summary>A plain assistant message.</summary>
    public static ServerReply Text(string content, ServerUsage? usage = null) => new Message(content, [], "stop", usage);

    /// <summary>An assistant message that calls tools.</summary>
    public static ServerReply Calls(params ServerToolCall[] calls) => new Message(null, calls, "tool_calls", null);

    /// <summary>A reply cut off by the token limit (<c>finish_reason: length</c>).</summary>
    public static ServerReply Truncated(string partial = "{\"user_message\": \"I wou") => new Message(partial, [], "length", null);

    /// <summary>A reply with no content at all.</summary>
    public static ServerReply Empty() => new Message("", [], "stop", null);

    /// <summary>429 Too Many Requests with a <c>Retry-After</c> header (seconds or an HTTP date), if given.</summary>
    public static ServerReply RateLimited(string? retryAfter = "0") =>
        new Failure(429, ErrorBody("rate_limit_exceeded", "Rate limit reached, slow down"), retryAfter is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["Retry-After"] = retryAfter });

    /// <summary>500 (or another 5xx).</summary>
    public static ServerReply ServerError(int status = 500) => new Failure(status, ErrorBody("server_error", "The server had an error"), new Dictionary<string, string>());

    /// <summary>400 with OpenAI's <c>context_length_exceeded</c> code.</summary>
    public static ServerReply ContextLengthExceeded() => new Failure(400,
        ErrorBody("context_length_exceeded", "This model's maximum context length is 8192 tokens. However, your messages resulted in 9000 tokens."), new Dictionary<string, string>());

    /// <summary>400 with a content-filter code.</summary>
    public static ServerReply ContentFiltered() => new Failure(400, ErrorBody("content_filter", "The response was filtered due to the prompt triggering the content management policy."), new Dictionary<string, string>());

    /// <summary>Any status with an OpenAI-style error body.</summary>
    public static ServerReply Error(int status, string code, string message) => new Failure(status, ErrorBody(code, message), new Dictionary<string, string>());

    /// <summary>A 200 with a broken body.</summary>
    public static ServerReply MalformedBody() => new Malformed("{\"id\": \"chatcmpl-1\", \"choices\": [ {\"message\": ");

    /// <summary>A dropped connection.</summary>
    public static ServerReply Drop() => new Dropped();

    /// <summary><paramref name="reply"/> after <paramref name="delay"/>.</summary>
    public static ServerReply After(TimeSpan delay, ServerReply reply) => new Delayed(delay, reply);

    private static string ErrorBody(string code, string message) =>
        $"{{\"error\":{{\"message\":{System.Text.Json.JsonSerializer.Serialize(message)},\"type\":\"invalid_request_error\",\"code\":\"{code}\"}}}}";
}
