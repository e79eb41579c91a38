using System.IO.Pipelines;
using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Parley.Dialogues;
using Parley.Environments;
using Parley.Serialization;
using Parley.Tools;

namespace Parley.Mcp;

/// <summary>
/// One dialogue's tools reached only through MCP: an MCP server of the dialogue's own, in process, serves the
/// environment's tools over the dialogue's database, and every call is an MCP <c>tools/call</c> from a client connected to
/// it over in-memory streams (the JSON-RPC a stdio agent exchanges). The agent is shown the tools the server lists.
/// </summary>
/// <remarks>
/// The server runs the calls on the dialogue's own database copy, so the end-state check reads the state the calls made.
/// Tool failures travel as <c>isError</c> results and come back with their kind. Not thread-safe: one bridge per dialogue.
/// </remarks>
internal sealed class McpSessionBridge : IToolExecutor, IAsyncDisposable
{
    private readonly McpClient _client;
    private readonly McpServer _server;
    private readonly Task _serving;
    private readonly CancellationTokenSource _stop;

    private McpSessionBridge(McpClient client, McpServer server, Task serving, CancellationTokenSource stop, ToolCatalog tools)
    {
        _client = client;
        _server = server;
        _serving = serving;
        _stop = stop;
        Tools = tools;
    }

    /// <summary>The tools the server listed, as the agent is shown them.</summary>
    public ToolCatalog Tools { get; }

    /// <summary>Starts a server over <paramref name="database"/> (the executor of the dialogue's database copy), connects to it and lists its tools.</summary>
    public static async Task<McpSessionBridge> OpenAsync(EnvironmentDatabase environment, IToolExecutor database, CancellationToken cancellationToken = default)
    {
        var toServer = new Pipe();
        var toClient = new Pipe();
        var options = new McpServerOptions
        {
            ServerInfo = new Implementation { Name = "parley-" + environment.Spec.Id, Version = ParleyInfo.Version },
            Capabilities = new ServerCapabilities { Tools = new ToolsCapability() },
            Handlers = new McpServerHandlers
            {
                ListToolsHandler = (_, _) => ValueTask.FromResult(new ListToolsResult { Tools = [.. environment.Tools.Tools.Select(McpToolListing.Of)] }),
                CallToolHandler = async (request, cancellation) =>
                {
                    var call = request.Params!;
                    var arguments = call.Arguments is { } given ? JsonSerializer.Serialize(given.ToDictionary(), PrimitiveJsonContext.Default.DictionaryStringJsonElement) : "{}";
                    return McpResults.ToCallToolResult(await database.ExecuteAsync(new ToolInvocation("mcp", call.Name, arguments), cancellation));
                },
            },
        };
        var server = McpServer.Create(new StreamServerTransport(toServer.Reader.AsStream(), toClient.Writer.AsStream()), options);
        var stop = new CancellationTokenSource();
        var serving = server.RunAsync(stop.Token);
        McpClient? client = null;
        try
        {
            client = await McpClient.CreateAsync(new StreamClientTransport(toServer.Writer.AsStream(), toClient.Reader.AsStream()),
                new McpClientOptions { ClientInfo = new() { Name = "parley-eval", Version = ParleyInfo.Version } }, cancellationToken: cancellationToken);
            var listed = await client.ListToolsAsync(cancellationToken: cancellationToken);
            var tools = listed.Select(t => t.ProtocolTool)
                .Where(t => environment.Tools.TryGet(t.Name, out _))
                .Select(t =>
                {
                    environment.Tools.TryGet(t.Name, out var spec);
                    return spec with { Description = t.Description ?? "", Parameters = t.InputSchema };
                }).ToList();
            return new McpSessionBridge(client, server, serving, stop, new ToolCatalog(tools));
        }
        catch
        {
            if (client is not null) await client.DisposeAsync();
            await Stop(server, serving, stop);
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask<ToolResult> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken = default)
    {
        Dictionary<string, object?> arguments = new(StringComparer.Ordinal);
        try
        {
            if (!string.IsNullOrWhiteSpace(invocation.Arguments))
            {
                using var document = JsonDocument.Parse(invocation.Arguments);
                if (document.RootElement.ValueKind != JsonValueKind.Object) return ToolResult.Failure(ToolErrorKind.InvalidArguments, "The arguments are not a JSON object.");
                foreach (var property in document.RootElement.EnumerateObject()) arguments[property.Name] = property.Value.Clone();
            }
        }
        catch (JsonException)
        {
            return ToolResult.Failure(ToolErrorKind.InvalidArguments, "The arguments are not a JSON object.");
        }
        return McpResults.ToToolResult(await _client.CallToolAsync(invocation.Name, arguments, cancellationToken: cancellationToken));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _client.DisposeAsync();
        await Stop(_server, _serving, _stop);
    }

    private static async Task Stop(McpServer server, Task serving, CancellationTokenSource stop)
    {
        await stop.CancelAsync();
        try
        {
            await serving;
        }
        catch (OperationCanceledException)
        {
            // Stopping is how it ends.
        }
        await server.DisposeAsync();
        stop.Dispose();
    }
}
