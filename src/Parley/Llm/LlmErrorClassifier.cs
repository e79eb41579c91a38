using System.ClientModel;
using System.Globalization;
using System.Net.Sockets;
using System.Text.Json;
using Anthropic.Exceptions;
using OllamaSharp.Models.Exceptions;

namespace Parley.Llm;

/// <summary>
/// Maps what providers throw (System.ClientModel, HttpClient, sockets, Anthropic, OllamaSharp) to an
/// <see cref="LlmException"/> with a <see cref="LlmFailureKind"/>, reading <c>Retry-After</c> where the response is at hand.
/// </summary>
/// <remarks>Messages are built here from the status and the provider's error text, passed through the redactor; the
/// provider exception is not kept as the inner exception because its text may echo the request's credentials.</remarks>
internal sealed class LlmErrorClassifier(string endpoint, SecretRedactor redactor, TimeProvider? timeProvider = null)
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>The classified failure, or null when <paramref name="error"/> is not a model-call failure (a bug, or the caller's cancellation).</summary>
    public LlmException? Classify(Exception error, CancellationToken callerToken)
    {
        switch (error)
        {
            case LlmException llm:
                return llm;
            case OperationCanceledException when callerToken.IsCancellationRequested:
                return null;
            case OperationCanceledException or TimeoutException:
                return Create(LlmFailureKind.Timeout, "the request timed out");
            case ClientResultException result:
                return FromStatus(result.Status, result.GetRawResponse()?.Content?.ToString() ?? result.Message, RetryAfter(result))
                    ?? Create(result.InnerException is OperationCanceledException ? LlmFailureKind.Timeout : TransportKind(result), Describe(result.InnerException ?? result));
            case AnthropicApiException api:
                return FromStatus((int)api.StatusCode, api.ResponseBody, null);
            case AnthropicIOException io:
                return Create(TransportKind(io), Describe(io.InnerException as Exception ?? io));
            case HttpRequestException { StatusCode: { } status } http:
                return FromStatus((int)status, http.Message, null);
            case HttpRequestException or IOException or SocketException:
                return Create(TransportKind(error), Describe(error));
            case ModelDoesNotSupportToolsException:
                return Create(LlmFailureKind.BadRequest, Describe(error));
            case OllamaException ollama:
                return Create(ContentKind(ollama.Message) ?? LlmFailureKind.BadRequest, Describe(ollama));
            case JsonException or FormatException:
                return Create(LlmFailureKind.InvalidJson, "the response body was not valid JSON: " + Describe(error));
            case InvalidOperationException when error.InnerException is JsonException or FormatException:
                return Create(LlmFailureKind.InvalidJson, "the response body was not valid JSON: " + Describe(error));
            case ArgumentOutOfRangeException or IndexOutOfRangeException or NullReferenceException or KeyNotFoundException when ThrownByOpenAi(error):
                // The OpenAI client reads choices[0].message without checking: a 200 whose body is {}, has no choices
                // or a null message fails there. The same exception anywhere else is a bug, and stays one.
                return Create(LlmFailureKind.Empty, "the reply had no choices or no message (a malformed 200 body)");
            default:
                return null;
        }
    }

    /// <summary>The kind for an HTTP status and error body, or null for status 0 (no response).</summary>
    private LlmException? FromStatus(int status, string? body, TimeSpan? retryAfter)
    {
        if (status == 0) return null;
        var detail = ErrorText(body);
        var kind = status switch
        {
            429 when detail.Contains("insufficient_quota", StringComparison.OrdinalIgnoreCase) => LlmFailureKind.BadRequest,
            429 => LlmFailureKind.RateLimited,
            401 or 403 => LlmFailureKind.Unauthorized,
            404 => LlmFailureKind.NotFound,
            408 => LlmFailureKind.Timeout,
            413 => LlmFailureKind.ContextLength,
            >= 500 => LlmFailureKind.ServerError,
            _ => ContentKind(detail) ?? (UnknownModel(detail) ? LlmFailureKind.NotFound : LlmFailureKind.BadRequest),
        };
        return Create(kind, $"HTTP {status.ToString(CultureInfo.InvariantCulture)}: {detail}") is var e && retryAfter is not null
            ? new LlmException(e.Kind, e.Message) { RetryAfter = retryAfter }
            : e;
    }

    /// <summary>Context-length and content-filter failures, recognised by the codes and phrases providers use.</summary>
    private static LlmFailureKind? ContentKind(string text)
    {
        string[] context = ["context_length_exceeded", "maximum context length", "context length", "context window", "prompt is too long",
            "too many tokens", "string_above_max_length", "input is too long", "exceeds the model's", "reduce the length"];
        string[] filter = ["content_filter", "content_policy_violation", "content management policy", "responsibleaipolicyviolation", "safety system"];
        if (context.Any(p => text.Contains(p, StringComparison.OrdinalIgnoreCase))) return LlmFailureKind.ContextLength;
        if (filter.Any(p => text.Contains(p, StringComparison.OrdinalIgnoreCase))) return LlmFailureKind.ContentFilter;
        return null;
    }

    private static bool ThrownByOpenAi(Exception error) =>
        new System.Diagnostics.StackTrace(error, false).GetFrames().Any(f => f.GetMethod()?.DeclaringType?.Assembly.GetName().Name is "OpenAI" or "Microsoft.Extensions.AI.OpenAI");

    /// <summary>A 400 that says the model is not served (vLLM, llama.cpp and OpenRouter answer an unknown model so, not with 404).</summary>
    private static bool UnknownModel(string text)
    {
        string[] phrases = ["model_not_found", "does not exist", "unknown model", "model not found", "not a valid model", "unsupported model", "no such model"];
        return text.Contains("model", StringComparison.OrdinalIgnoreCase) && phrases.Any(p => text.Contains(p, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// <see cref="LlmFailureKind.Unreachable"/> when nothing answers at the address (connection refused, the host name
    /// does not resolve), else <see cref="LlmFailureKind.Connection"/> (a reset or dropped connection, which a retry may fix).
    /// </summary>
    private static LlmFailureKind TransportKind(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError }) return LlmFailureKind.Unreachable;
            if (e is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.NoData or SocketError.HostUnreachable or SocketError.NetworkUnreachable })
                return LlmFailureKind.Unreachable;
        }
        return LlmFailureKind.Connection;
    }

    /// <summary>The error message from an OpenAI-style <c>{"error":{"message","code"}}</c> body, or the body itself, shortened.</summary>
    private static string ErrorText(string? body)
    {
        if (string.IsNullOrWhiteSpace(body)) return "(no body)";
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("error", out var error))
            {
                if (error.ValueKind == JsonValueKind.String) return Shorten(error.GetString()!);
                var message = error.TryGetProperty("message", out var m) ? m.ToString() : "";
                var code = error.TryGetProperty("code", out var c) && c.ValueKind != JsonValueKind.Null ? c.ToString()
                    : error.TryGetProperty("type", out var t) ? t.ToString() : "";
                return Shorten(code.Length > 0 ? $"{code}: {message}" : message);
            }
        }
        catch (JsonException)
        {
            // not JSON: the raw text is the best description there is
        }
        return Shorten(body);
    }

    private TimeSpan? RetryAfter(ClientResultException error)
    {
        var headers = error.GetRawResponse()?.Headers;
        if (headers is null) return null;
        if (headers.TryGetValue("retry-after-ms", out var ms) && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var millis))
            return TimeSpan.FromMilliseconds(Math.Max(0, millis));
        return headers.TryGetValue("Retry-After", out var value) ? ParseRetryAfter(value, _time.GetUtcNow()) : null;
    }

    /// <summary>Parses a <c>Retry-After</c> value: delta seconds or an HTTP date (relative to <paramref name="now"/>).</summary>
    public static TimeSpan? ParseRetryAfter(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)) return TimeSpan.FromSeconds(Math.Max(0, seconds));
        if (DateTimeOffset.TryParseExact(value.Trim(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
            return date > now ? date - now : TimeSpan.Zero;
        return null;
    }

    private LlmException Create(LlmFailureKind kind, string detail) =>
        new(kind, redactor.Redact($"{endpoint}: {kind.Label()}: {detail}"));

    private static string Describe(Exception error) => $"{error.GetType().Name}: {Shorten(error.Message)}";

    private static string Shorten(string text) => text.Length <= 400 ? text : text[..400] + "…";
}
