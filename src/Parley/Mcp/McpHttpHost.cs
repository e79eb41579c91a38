using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Parley.Mcp;

/// <summary>Hosts an <see cref="McpEnvironmentServer"/> over MCP's streamable HTTP transport at <c>http://address:port/mcp</c>.</summary>
public static class McpHttpHost
{
    /// <summary>The path the MCP endpoint is mapped at.</summary>
    public const string Path = "/mcp";

    /// <summary>
    /// Starts listening on <paramref name="address"/> (<c>127.0.0.1:PORT</c>; port 0 picks a free one) and returns the
    /// running application, whose endpoint is <see cref="EndpointOf"/>. Stop it with <c>StopAsync</c> and dispose it.
    /// </summary>
    public static async Task<WebApplication> StartAsync(McpEnvironmentServer server, string address, CancellationToken cancellationToken = default)
    {
        var endpoint = ParseAddress(address);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(endpoint));
        builder.Services.AddMcpServer(o =>
            {
                var configured = server.CreateOptions();
                o.ServerInfo = configured.ServerInfo;
                o.ServerInstructions = configured.ServerInstructions;
                o.Capabilities = configured.Capabilities;
                o.Handlers = configured.Handlers;
            })
            // The session-run hook is the SDK's only signal that a session ended (closed or idle-expired); it is marked
            // experimental, which is the price of freeing each session's database copy on time.
#pragma warning disable MCPEXP002
            .WithHttpTransport(o =>
            {
                // Per-session databases need sessions: clients of the session-less 2026-07-28 revision are told to
                // downgrade to the initialize handshake, which gives them one.
                o.SessionMode = ModelContextProtocol.AspNetCore.HttpServerSessionMode.Stateful;
                o.RunSessionHandler = async (_, session, ct) =>
                {
                    try
                    {
                        await session.RunAsync(ct);
                    }
                    finally
                    {
                        // Each session's database copy lives exactly as long as the session.
                        if (session.SessionId is { } id) server.Close(id);
                    }
                };
            });
#pragma warning restore MCPEXP002
        var app = builder.Build();
        app.MapMcp(Path);
        await app.StartAsync(cancellationToken);
        return app;
    }

    /// <summary>The MCP endpoint of a started host.</summary>
    public static Uri EndpointOf(WebApplication app) => new(app.Urls.First().TrimEnd('/') + Path);

    private static IPEndPoint ParseAddress(string address)
    {
        if (IPEndPoint.TryParse(address, out var endpoint) && address.Contains(':', StringComparison.Ordinal)) return endpoint;
        throw ParleyException.InvalidOption("--http", $"'{address}' is not an address:port such as 127.0.0.1:8765");
    }
}
