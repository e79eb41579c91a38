using ModelContextProtocol.Client;
using Parley.Environments;

namespace Parley.Mcp;

/// <summary>
/// One MCP client connection with a clean server state: a new server process in a new scratch folder (stdio), or a new
/// HTTP session, reset first when the environment says so. Disposing ends the session, stops the process and deletes
/// the scratch folder.
/// </summary>
internal sealed class McpConnection : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly string? _scratch;
    private readonly Queue<string> _errors;

    private McpConnection(McpClient client, string? scratch, Queue<string> errors)
    {
        Client = client;
        _scratch = scratch;
        _errors = errors;
        Paths = scratch is null ? null : new ScratchPaths(scratch);
    }

    /// <summary>The connected client.</summary>
    public McpClient Client { get; }

    /// <summary>How the scratch folder is named in dialogues (stdio servers); null over HTTP.</summary>
    public ScratchPaths? Paths { get; }

    /// <summary>The last lines the server wrote to standard error, to say why it stopped.</summary>
    public string RecentErrors
    {
        get
        {
            lock (_errors) return string.Join(" | ", _errors);
        }
    }

    /// <summary>
    /// Connects; throws <see cref="ParleyException"/> (<c>mcp_unavailable</c>) when the server does not start or answer.
    /// A stdio server's seeded scratch files are dated <paramref name="written"/>.
    /// </summary>
    public static async Task<McpConnection> OpenAsync(McpServerSpec server, DateTime written, CancellationToken cancellationToken)
    {
        var errors = new Queue<string>();
        string? scratch = null;
        IClientTransport transport;
        if (server.Url is { } url)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var endpoint)) throw ParleyException.InvalidOption("--from-mcp", $"'{url}' is not a URL");
            transport = new HttpClientTransport(new HttpClientTransportOptions { Endpoint = endpoint, TransportMode = HttpTransportMode.StreamableHttp, Name = "parley" });
        }
        else
        {
            scratch = Directory.CreateTempSubdirectory("parley-mcp-").FullName;
            Seed(scratch, server.ScratchFiles, written);
            var line = McpCommandLine.Parse(server.Command ?? "", scratch);
            transport = new StdioClientTransport(new StdioClientTransportOptions
            {
                Command = line.Program,
                Arguments = [.. line.Arguments],
                EnvironmentVariables = line.Environment.ToDictionary(),
                Name = "parley",
                StandardErrorLines = text =>
                {
                    lock (errors)
                    {
                        errors.Enqueue(text.Length > 300 ? text[..300] : text);
                        while (errors.Count > 5) errors.Dequeue();
                    }
                },
            });
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        McpClient client;
        try
        {
            client = await McpClient.CreateAsync(transport, new McpClientOptions { ClientInfo = new() { Name = "parley", Version = ParleyInfo.Version } }, cancellationToken: timeout.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Delete(scratch);
            string said;
            lock (errors) said = string.Join(" | ", errors);
            var reason = e is OperationCanceledException ? $"no MCP handshake within {StartTimeout.TotalSeconds:0} s" : Describe(e);
            throw ParleyException.McpServerUnavailable(server.Source, said.Length > 0 ? $"{reason} (stderr: {said})" : reason);
        }
        var connection = new McpConnection(client, scratch, errors);
        if (server.Isolation == McpIsolation.ResetTool)
        {
            var reset = await client.CallToolAsync(McpEnvironmentTools.Reset, new Dictionary<string, object?>(), cancellationToken: cancellationToken);
            if (reset.IsError == true)
            {
                await connection.DisposeAsync();
                throw ParleyException.McpServerUnavailable(server.Source, "its reset tool failed");
            }
        }
        return connection;
    }

    /// <summary>One line for an exception and its causes.</summary>
    internal static string Describe(Exception e)
    {
        var parts = new List<string>();
        for (var x = e; x is not null; x = x.InnerException)
        {
            if (!parts.Contains(x.Message)) parts.Add(x.Message);
        }
        return string.Join(": ", parts).ReplaceLineEndings(" ");
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await Client.DisposeAsync();
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ObjectDisposedException)
        {
            // A server that already died has nothing left to close.
        }
        Delete(_scratch);
    }

    /// <summary>Writes the environment's files and folders into a new scratch folder, each dated <paramref name="written"/>.</summary>
    private static void Seed(string scratch, IReadOnlyList<McpScratchFile> files, DateTime written)
    {
        var entries = new List<FileSystemInfo> { new DirectoryInfo(scratch) };
        foreach (var entry in files)
        {
            var path = Path.GetFullPath(Path.Combine(scratch, entry.Path));
            if (!path.StartsWith(scratch + Path.DirectorySeparatorChar, StringComparison.Ordinal)) throw ParleyException.InvalidEnvironment($"scratch entry '{entry.Path}' is outside the scratch folder");
            if (entry.Content is null)
            {
                entries.Add(Directory.CreateDirectory(path));
            }
            else
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, entry.Content);
                entries.Add(new FileInfo(path));
            }
        }
        // Dated once everything is written: writing into a folder would date it again.
        foreach (var info in entries)
        {
            info.LastWriteTimeUtc = written;
            info.LastAccessTimeUtc = written;
        }
    }

    private static void Delete(string? folder)
    {
        if (folder is null) return;
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
