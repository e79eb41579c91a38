using System.Collections.Concurrent;
using System.Text.Json;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Parley.Environments;
using Parley.Serialization;
using Parley.Tools;

namespace Parley.Mcp;

/// <summary>
/// A Parley environment served over MCP: its tools listed with their JSON Schemas, descriptions and read-only hints,
/// run as SQL on a database copy of each session's own, tool failures returned as <c>isError</c> results with Parley's
/// <c>{"error": {"kind", "message"}}</c> body. With <see cref="EvaluatorTools"/>, <c>reset</c> and <c>state_hash</c> are
/// listed too, for evaluators that compare end states.
/// </summary>
/// <remarks>Thread-safe: sessions are independent, and one session's calls run one at a time.</remarks>
public sealed class McpEnvironmentServer(EnvironmentDatabase environment) : IDisposable
{
    private const string StdioSession = "stdio";
    private static readonly JsonElement NoArguments = JsonElement.Parse("""{"type":"object","properties":{}}""");
    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);

    /// <summary>Also offer <c>reset</c> and <c>state_hash</c>.</summary>
    public bool EvaluatorTools { get; init; }

    /// <summary>The environment served.</summary>
    public EnvironmentDatabase Environment => environment;

    /// <summary>Sessions open now.</summary>
    public int SessionCount => _sessions.Count;

    /// <summary>The server options: identity, instructions (the environment's description and policy) and the tool handlers.</summary>
    public McpServerOptions CreateOptions() => new()
    {
        ServerInfo = new Implementation { Name = "parley-" + environment.Spec.Id, Version = ParleyInfo.Version },
        ServerInstructions = (environment.Spec.Description.Trim() + "\n\n" + environment.Spec.Policy.Trim()).Trim(),
        Capabilities = new ServerCapabilities { Tools = new ToolsCapability() },
        Handlers = new McpServerHandlers
        {
            ListToolsHandler = (_, _) => ValueTask.FromResult(new ListToolsResult { Tools = ListTools() }),
            CallToolHandler = (request, cancellationToken) => CallAsync(SessionOf(request), request.Params!, cancellationToken),
        },
    };

    // Over HTTP the request's server is a per-request wrapper without the session id; the transport it came on has it.
    private static string SessionOf(RequestContext<CallToolRequestParams> request) =>
        request.JsonRpcRequest.Context?.RelatedTransport?.SessionId ?? request.Server.SessionId ?? StdioSession;

    /// <summary>Serves one session over standard input and output until the client disconnects or <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunStdioAsync(CancellationToken cancellationToken = default)
    {
        var options = CreateOptions();
        await using var server = McpServer.Create(new StdioServerTransport(options), options);
        try
        {
            await server.RunAsync(cancellationToken);
        }
        finally
        {
            Close(StdioSession);
        }
    }

    /// <summary>Ends a session and frees its database copy (the HTTP host calls it when a session ends).</summary>
    public void Close(string sessionId)
    {
        if (_sessions.TryRemove(sessionId, out var session)) session.Dispose();
    }

    private List<Tool> ListTools()
    {
        var tools = environment.Tools.Tools.Select(McpToolListing.Of).ToList();
        if (EvaluatorTools)
        {
            tools.Add(new Tool { Name = McpEnvironmentTools.Reset, Description = "Evaluator tool: bring this session's database back to the environment's initial state.", InputSchema = NoArguments, Annotations = new ToolAnnotations { ReadOnlyHint = false, DestructiveHint = true, IdempotentHint = true } });
            tools.Add(new Tool { Name = McpEnvironmentTools.StateHash, Description = "Evaluator tool: the canonical hash of this session's mutable tables, to compare end states.", InputSchema = NoArguments, Annotations = new ToolAnnotations { ReadOnlyHint = true } });
        }
        return tools;
    }

    private async ValueTask<CallToolResult> CallAsync(string sessionId, CallToolRequestParams call, CancellationToken cancellationToken)
    {
        var session = _sessions.GetOrAdd(sessionId, _ => new Session(environment));
        await session.Gate.WaitAsync(cancellationToken);
        try
        {
            if (EvaluatorTools && call.Name == McpEnvironmentTools.Reset)
            {
                session.Reset();
                return McpResults.ToCallToolResult(ToolResult.Success("""{"status":"ok"}"""));
            }
            if (EvaluatorTools && call.Name == McpEnvironmentTools.StateHash)
            {
                return McpResults.ToCallToolResult(ToolResult.Success($$"""{"state_hash":"{{environment.Hasher.Hash(session.Database)}}"}"""));
            }
            var arguments = call.Arguments is { } given
                ? JsonSerializer.Serialize(given.ToDictionary(), PrimitiveJsonContext.Default.DictionaryStringJsonElement)
                : "{}";
            var result = await session.Executor.ExecuteAsync(new ToolInvocation("mcp", call.Name, arguments), cancellationToken);
            return McpResults.ToCallToolResult(result);
        }
        finally
        {
            session.Gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var id in _sessions.Keys) Close(id);
    }

    /// <summary>One MCP session's database copy and its executor.</summary>
    private sealed class Session : IDisposable
    {
        private readonly EnvironmentDatabase _environment;

        public Session(EnvironmentDatabase environment)
        {
            _environment = environment;
            Database = environment.OpenCopy();
            Executor = environment.CreateExecutor(Database);
        }

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public SqliteSandbox Database { get; private set; }

        public IToolExecutor Executor { get; private set; }

        public void Reset()
        {
            Database.Dispose();
            Database = _environment.OpenCopy();
            Executor = _environment.CreateExecutor(Database);
        }

        public void Dispose()
        {
            Database.Dispose();
            Gate.Dispose();
        }
    }
}
