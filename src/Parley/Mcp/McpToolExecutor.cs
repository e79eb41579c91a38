using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using Parley.Dialogues;
using Parley.Environments;
using Parley.Tools;

namespace Parley.Mcp;

/// <summary>
/// Runs one dialogue's tool calls on an MCP server, connected on the first call with a clean state of its own (see
/// <see cref="McpServerSpec.Isolation"/>). The server's <c>isError</c> results and protocol refusals (unknown tool,
/// invalid arguments) are tool results the agent sees; a server that stops answering throws <see cref="ToolServerLostException"/>.
/// </summary>
/// <remarks>Not thread-safe: one executor per dialogue. Dispose it to stop the server.</remarks>
internal sealed class McpToolExecutor(McpServerSpec server) : IToolExecutor, IAsyncDisposable
{
    private McpConnection? _connection;

    /// <summary>How long one call may take before the server counts as lost.</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>When the seeded scratch files were last written (<see cref="ScratchSeed.Written"/> unless the designer samples at another time).</summary>
    internal DateTime ScratchWritten { get; init; } = ScratchSeed.Written;

    /// <summary>The server this executor runs tools on.</summary>
    public McpServerSpec Server => server;

    /// <inheritdoc />
    public async ValueTask<ToolResult> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken = default) =>
        (await SampleAsync(invocation, cancellationToken)).Result;

    /// <summary>Executes <paramref name="invocation"/> like <see cref="ExecuteAsync"/>, and says whether the server answered with binary content.</summary>
    internal async ValueTask<(ToolResult Result, bool Binary)> SampleAsync(ToolInvocation invocation, CancellationToken cancellationToken = default)
    {
        _connection ??= await Connect(cancellationToken);
        Dictionary<string, object?> arguments;
        try
        {
            arguments = Arguments(_connection.Paths?.ToServer(invocation.Arguments) ?? invocation.Arguments);
        }
        catch (JsonException)
        {
            return (ToolResult.Failure(ToolErrorKind.InvalidArguments, "The arguments are not a JSON object."), false);
        }
        return await CallAsync(invocation.Name, arguments, cancellationToken);
    }

    /// <summary>
    /// Calls the environment's probe and returns a hash of its answer, or null when the environment has no probe. Tasks
    /// record the hash the planner saw; a dialogue must end with the same.
    /// </summary>
    public async ValueTask<string?> ProbeAsync(CancellationToken cancellationToken = default) => (await SnapshotAsync(cancellationToken))?.Hash;

    /// <summary>
    /// Calls the environment's probe; when it lists paths and the environment names a read tool, reads every file back
    /// too, and hashes the sorted paths with what each read answered (so the order a server lists entries in does not
    /// matter, and a changed file's text does). Null when the environment has no probe.
    /// </summary>
    public async ValueTask<McpSnapshot?> SnapshotAsync(CancellationToken cancellationToken = default)
    {
        if (server.Probe is not { } probe) return null;
        var answer = await ExecuteAsync(new ToolInvocation("probe", probe, server.ProbeArguments ?? "{}"), cancellationToken);
        if (server.ProbeRead is not { } read || !answer.IsSuccess || McpTree.Parse(answer.Content) is not { } tree)
        {
            return new McpSnapshot(HashOf(answer), [], new Dictionary<string, string>());
        }
        var (folders, files) = tree;
        var state = new StringBuilder();
        foreach (var folder in folders) state.Append("folder ").Append(folder).Append('\n');
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var content = await ExecuteAsync(new ToolInvocation("probe", read, new JsonObject { ["path"] = file }.ToJsonString()), cancellationToken);
            if (content.IsSuccess) texts[file] = McpTree.Text(content.Content);
            state.Append("file ").Append(file).Append(' ').Append(HashOf(content)).Append('\n');
        }
        return new McpSnapshot(Hash(state.ToString()), folders, texts);
    }

    /// <summary>The hash a probe's result is compared by.</summary>
    internal static string HashOf(ToolResult result) => Hash((result.IsSuccess ? "ok:" : "error:") + result.Content);

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];

    private async ValueTask<(ToolResult Result, bool Binary)> CallAsync(string name, Dictionary<string, object?> arguments, CancellationToken cancellationToken)
    {
        _connection ??= await Connect(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CallTimeout);
        try
        {
            var answer = await _connection.Client.CallToolAsync(name, arguments, cancellationToken: timeout.Token);
            var result = McpResults.ToToolResult(answer);
            return (_connection.Paths is { } paths ? result with { Content = paths.FromServer(result.Content) } : result, McpResults.IsBinary(answer));
        }
        catch (McpProtocolException e) when (e.ErrorCode is McpErrorCode.InvalidParams or McpErrorCode.MethodNotFound)
        {
            // The server refused the request itself (an unknown tool, arguments its schema rejects): the agent can correct that.
            var kind = e.Message.Contains("unknown tool", StringComparison.OrdinalIgnoreCase) || e.Message.Contains("not found", StringComparison.OrdinalIgnoreCase)
                ? ToolErrorKind.UnknownTool : ToolErrorKind.InvalidArguments;
            return (ToolResult.Failure(kind, _connection.Paths?.FromServer(e.Message) ?? e.Message), false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var said = _connection.RecentErrors;
            var why = e is OperationCanceledException ? $"no answer within {CallTimeout.TotalSeconds:0} s" : McpConnection.Describe(e);
            throw new ToolServerLostException($"mcp: the server stopped answering during '{name}': {why}{(said.Length > 0 ? $" (stderr: {said})" : "")}", e);
        }
    }

    private async Task<McpConnection> Connect(CancellationToken cancellationToken)
    {
        try
        {
            return await McpConnection.OpenAsync(server, ScratchWritten, cancellationToken);
        }
        catch (ParleyException e)
        {
            // It answered when the environment was designed: failing now is this dialogue's loss, not a configuration error.
            throw new ToolServerLostException("mcp: " + e.Message, e);
        }
    }

    private static Dictionary<string, object?> Arguments(string json)
    {
        var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(json)) return arguments;
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object) throw new JsonException("not an object");
        foreach (var property in document.RootElement.EnumerateObject()) arguments[property.Name] = property.Value.Clone();
        return arguments;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_connection is { } connection)
        {
            _connection = null;
            await connection.DisposeAsync();
        }
    }
}
