using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
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

    /// <summary>The server this executor runs tools on.</summary>
    public McpServerSpec Server => server;

    /// <inheritdoc />
    public async ValueTask<ToolResult> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken = default)
    {
        Dictionary<string, object?> arguments;
        try
        {
            arguments = Arguments(invocation.Arguments);
        }
        catch (JsonException)
        {
            return ToolResult.Failure(ToolErrorKind.InvalidArguments, "The arguments are not a JSON object.");
        }
        return await CallAsync(invocation.Name, arguments, cancellationToken);
    }

    /// <summary>
    /// Calls the environment's probe (a read tool without arguments) and returns a hash of its answer, or null when the
    /// environment has no probe. Tasks record the hash the planner saw; a dialogue must end with the same.
    /// </summary>
    public async ValueTask<string?> ProbeAsync(CancellationToken cancellationToken = default)
    {
        if (server.Probe is not { } probe) return null;
        var result = await CallAsync(probe, [], cancellationToken);
        return HashOf(result);
    }

    /// <summary>The hash a probe's result is compared by.</summary>
    internal static string HashOf(ToolResult result) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes((result.IsSuccess ? "ok:" : "error:") + result.Content)))[..32];

    private async ValueTask<ToolResult> CallAsync(string name, Dictionary<string, object?> arguments, CancellationToken cancellationToken)
    {
        _connection ??= await Connect(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CallTimeout);
        try
        {
            var result = await _connection.Client.CallToolAsync(name, arguments, cancellationToken: timeout.Token);
            return McpResults.ToToolResult(result);
        }
        catch (McpProtocolException e) when (e.ErrorCode is McpErrorCode.InvalidParams or McpErrorCode.MethodNotFound)
        {
            // The server refused the request itself (an unknown tool, arguments its schema rejects): the agent can correct that.
            var kind = e.Message.Contains("unknown tool", StringComparison.OrdinalIgnoreCase) || e.Message.Contains("not found", StringComparison.OrdinalIgnoreCase)
                ? ToolErrorKind.UnknownTool : ToolErrorKind.InvalidArguments;
            return ToolResult.Failure(kind, e.Message);
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
            return await McpConnection.OpenAsync(server, cancellationToken);
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
