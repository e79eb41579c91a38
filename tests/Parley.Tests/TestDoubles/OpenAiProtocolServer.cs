using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Parley.Tests.TestDoubles;

/// <summary>
/// An in-process OpenAI-protocol server on 127.0.0.1 (a random free port) answering POST /v1/chat/completions, plain
/// and streaming (SSE), from a script. Every request body is recorded for assertions. Cheap per request, with an optional
/// fixed latency, so the role tests and the throughput benchmark can share it.
/// </summary>
public sealed class OpenAiProtocolServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Func<ChatCompletionRequest, ServerReply> _script;
    private readonly Lock _gate = new();
    private readonly List<ChatCompletionRequest> _requests = [];
    private int _count;

    private OpenAiProtocolServer(WebApplication app, Func<ChatCompletionRequest, ServerReply> script) => (_app, _script) = (app, script);

    /// <summary>The base URL to give an OpenAI client, e.g. <c>http://127.0.0.1:51234/v1</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>Added before every reply (simulates model latency).</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Keep each request body (turn off in benchmarks to save memory).</summary>
    public bool RecordRequests { get; set; } = true;

    /// <summary>Requests received so far (recorded or not).</summary>
    public int RequestCount => Volatile.Read(ref _count);

    /// <summary>The recorded requests, in arrival order.</summary>
    public IReadOnlyList<ChatCompletionRequest> Requests
    {
        get
        {
            lock (_gate) return [.. _requests];
        }
    }

    /// <summary>Starts a server answering with <paramref name="script"/>.</summary>
    public static async Task<OpenAiProtocolServer> StartAsync(Func<ChatCompletionRequest, ServerReply> script)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new OpenAiProtocolServer(app, script);
        app.MapPost("/v1/chat/completions", server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = address.TrimEnd('/') + "/v1";
        return server;
    }

    /// <summary>Starts a server answering with <paramref name="replies"/> in order, then repeating the last one.</summary>
    public static Task<OpenAiProtocolServer> StartAsync(params ServerReply[] replies) =>
        StartAsync(request => replies[Math.Min(request.Index, replies.Length - 1)]);

    private async Task HandleAsync(HttpContext context)
    {
        using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        var request = new ChatCompletionRequest(Interlocked.Increment(ref _count) - 1, body.RootElement.Clone());
        if (RecordRequests)
        {
            lock (_gate) _requests.Add(request);
        }
        if (Latency > TimeSpan.Zero) await Task.Delay(Latency, context.RequestAborted);
        await WriteAsync(context, request, _script(request));
    }

    private static async Task WriteAsync(HttpContext context, ChatCompletionRequest request, ServerReply reply)
    {
        var response = context.Response;
        switch (reply)
        {
            case ServerReply.Delayed delayed:
                await Task.Delay(delayed.Delay, context.RequestAborted);
                await WriteAsync(context, request, delayed.Reply);
                return;
            case ServerReply.Dropped:
                context.Abort();
                return;
            case ServerReply.Failure failure:
                response.StatusCode = failure.Status;
                foreach (var (name, value) in failure.Headers) response.Headers[name] = value;
                response.ContentType = "application/json";
                await response.WriteAsync(failure.Body);
                return;
            case ServerReply.Malformed malformed:
                response.ContentType = "application/json";
                await response.WriteAsync(malformed.Body);
                return;
            case ServerReply.Message message when request.Stream:
                response.ContentType = "text/event-stream";
                foreach (var chunk in StreamChunks(request, message)) await response.WriteAsync($"data: {chunk}\n\n");
                await response.WriteAsync("data: [DONE]\n\n");
                return;
            case ServerReply.Message message:
                response.ContentType = "application/json";
                await response.Body.WriteAsync(Completion(request, message));
                return;
        }
    }

    private static byte[] Completion(ChatCompletionRequest request, ServerReply.Message message)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            Header(json, request, "chat.completion");
            json.WriteStartArray("choices");
            json.WriteStartObject();
            json.WriteNumber("index", 0);
            json.WriteStartObject("message");
            json.WriteString("role", "assistant");
            json.WriteString("content", message.Content);
            ToolCalls(json, message.ToolCalls, indexed: false);
            json.WriteEndObject();
            json.WriteString("finish_reason", message.FinishReason);
            json.WriteEndObject();
            json.WriteEndArray();
            Usage(json, request, message);
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static IEnumerable<string> StreamChunks(ChatCompletionRequest request, ServerReply.Message message)
    {
        yield return Chunk(request, json =>
        {
            json.WriteString("role", "assistant");
            json.WriteString("content", message.Content ?? "");
            ToolCalls(json, message.ToolCalls, indexed: true);
        }, null, null);
        yield return Chunk(request, _ => { }, message.FinishReason, null);
        yield return Chunk(request, null, null, message);
    }

    private static string Chunk(ChatCompletionRequest request, Action<Utf8JsonWriter>? delta, string? finish, ServerReply.Message? usage)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            Header(json, request, "chat.completion.chunk");
            json.WriteStartArray("choices");
            if (delta is not null)
            {
                json.WriteStartObject();
                json.WriteNumber("index", 0);
                json.WriteStartObject("delta");
                delta(json);
                json.WriteEndObject();
                if (finish is null) json.WriteNull("finish_reason");
                else json.WriteString("finish_reason", finish);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            if (usage is not null) Usage(json, request, usage);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Header(Utf8JsonWriter json, ChatCompletionRequest request, string kind)
    {
        json.WriteString("id", $"chatcmpl-{request.Index}");
        json.WriteString("object", kind);
        json.WriteNumber("created", 1_700_000_000);
        json.WriteString("model", request.Model ?? "test-model");
    }

    private static void ToolCalls(Utf8JsonWriter json, IReadOnlyList<ServerToolCall> calls, bool indexed)
    {
        if (calls.Count == 0) return;
        json.WriteStartArray("tool_calls");
        for (var i = 0; i < calls.Count; i++)
        {
            json.WriteStartObject();
            if (indexed) json.WriteNumber("index", i);
            json.WriteString("id", calls[i].Id);
            json.WriteString("type", "function");
            json.WriteStartObject("function");
            json.WriteString("name", calls[i].Name);
            json.WriteString("arguments", calls[i].Arguments);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void Usage(Utf8JsonWriter json, ChatCompletionRequest request, ServerReply.Message message)
    {
        // Without a scripted usage, a deterministic estimate: a quarter of the characters.
        var usage = message.Usage ?? new ServerUsage(request.Json.Length / 4, ((message.Content?.Length ?? 0) + message.ToolCalls.Sum(c => c.Arguments.Length)) / 4 + 1);
        json.WriteStartObject("usage");
        json.WriteNumber("prompt_tokens", usage.PromptTokens);
        json.WriteNumber("completion_tokens", usage.CompletionTokens);
        json.WriteNumber("total_tokens", usage.PromptTokens + usage.CompletionTokens);
        json.WriteStartObject("prompt_tokens_details");
        json.WriteNumber("cached_tokens", usage.CachedTokens);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
