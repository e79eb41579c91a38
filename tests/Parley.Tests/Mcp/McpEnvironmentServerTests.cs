using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Parley.Mcp;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Mcp;

public sealed class McpEnvironmentServerTests(BuiltEnvironments environments)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<McpClient> ConnectAsync(Uri endpoint) =>
        await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = endpoint, TransportMode = HttpTransportMode.StreamableHttp }), cancellationToken: Ct);

    private string Read(string sql)
    {
        using var copy = environments.Retail.OpenCopy();
        return SqlQueries.ReadText(copy, sql);
    }

    private static string Text(CallToolResult result) => string.Join("", result.Content.OfType<TextContentBlock>().Select(t => t.Text));

    [Fact]
    public async Task ListsEveryToolWithItsSchemaAndDescription_WhenServedOverHttp()
    {
        using var server = new McpEnvironmentServer(environments.Retail);
        await using var app = await McpHttpHost.StartAsync(server, "127.0.0.1:0", Ct);
        await using var client = await ConnectAsync(McpHttpHost.EndpointOf(app));

        var tools = await client.ListToolsAsync(cancellationToken: Ct);

        tools.Select(t => t.Name).Should().Equal(environments.Retail.Tools.Tools.Select(t => t.Name));
        foreach (var spec in environments.Retail.Tools.Tools)
        {
            var tool = tools.Single(t => t.Name == spec.Name);
            tool.Description.Should().Be(spec.Description);
            JsonElement.DeepEquals(tool.JsonSchema, spec.Parameters).Should().BeTrue(spec.Name);
            tool.ProtocolTool.Annotations!.ReadOnlyHint.Should().Be(spec.Access == Parley.Tools.ToolAccess.Read);
        }
        tools.Select(t => t.Name).Should().NotContain([McpEnvironmentTools.Reset, McpEnvironmentTools.StateHash], "evaluator tools are opt-in");
    }

    [Fact]
    public async Task ReturnsRealRowsAndErrorsAsIsErrorResults_WhenToolsAreCalled()
    {
        using var server = new McpEnvironmentServer(environments.Retail);
        await using var app = await McpHttpHost.StartAsync(server, "127.0.0.1:0", Ct);
        await using var client = await ConnectAsync(McpHttpHost.EndpointOf(app));
        var email = Read("SELECT email FROM customers ORDER BY customer_id LIMIT 1");

        var found = await client.CallToolAsync("find_customer_by_email", new Dictionary<string, object?> { ["email"] = email }, cancellationToken: Ct);
        var missing = await client.CallToolAsync("find_customer_by_email", new Dictionary<string, object?> { ["email"] = "nobody@example.invalid" }, cancellationToken: Ct);
        var invalid = await client.CallToolAsync("find_customer_by_email", new Dictionary<string, object?> { ["mail"] = email }, cancellationToken: Ct);

        found.IsError.Should().NotBe(true);
        JsonDocument.Parse(Text(found)).RootElement.GetProperty("email").GetString().Should().Be(email);
        missing.IsError.Should().BeTrue();
        Text(missing).Should().Contain("\"kind\":\"no_rows\"");
        invalid.IsError.Should().BeTrue();
        Text(invalid).Should().Contain("\"kind\":\"invalid_arguments\"");
    }

    [Fact]
    public async Task KeepsEachSessionsWritesToItself_WhenTwoClientsAreConnected()
    {
        using var server = new McpEnvironmentServer(environments.Retail) { EvaluatorTools = true };
        await using var app = await McpHttpHost.StartAsync(server, "127.0.0.1:0", Ct);
        await using var writer = await ConnectAsync(McpHttpHost.EndpointOf(app));
        await using var reader = await ConnectAsync(McpHttpHost.EndpointOf(app));
        var customer = long.Parse(Read("SELECT customer_id FROM customers ORDER BY customer_id LIMIT 1"));
        var phone = new Dictionary<string, object?> { ["customer_id"] = customer, ["phone"] = "+1 555 0100 999" };
        var before = Text(await reader.CallToolAsync(McpEnvironmentTools.StateHash, cancellationToken: Ct));

        var update = await writer.CallToolAsync("update_contact_phone", phone, cancellationToken: Ct);
        var written = Text(await writer.CallToolAsync(McpEnvironmentTools.StateHash, cancellationToken: Ct));
        var other = Text(await reader.CallToolAsync(McpEnvironmentTools.StateHash, cancellationToken: Ct));
        await writer.CallToolAsync(McpEnvironmentTools.Reset, cancellationToken: Ct);
        var reset = Text(await writer.CallToolAsync(McpEnvironmentTools.StateHash, cancellationToken: Ct));

        update.IsError.Should().NotBe(true, Text(update));
        written.Should().NotBe(before, "the write changed the writer's copy");
        other.Should().Be(before, "another session's copy never sees the write");
        reset.Should().Be(before, "reset brings the session back to the initial state");
        server.SessionCount.Should().Be(2);
    }

    [Fact]
    public async Task ServesOverStdio_WhenStartedAsAChildProcess()
    {
        var host = ParleyProcess.Host();
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Command = host[0],
            Arguments = [.. host.Skip(1), "mcp", "serve", "--env", "library"],
        });
        await using var client = await McpClient.CreateAsync(transport, cancellationToken: Ct);

        var tools = await client.ListToolsAsync(cancellationToken: Ct);
        var search = await client.CallToolAsync("search_catalog", new Dictionary<string, object?> { ["query"] = "" }, cancellationToken: Ct);

        tools.Select(t => t.Name).Should().Equal(environments.Get("library").Tools.Tools.Select(t => t.Name));
        search.IsError.Should().NotBe(true);
        JsonDocument.Parse(Text(search)).RootElement.GetArrayLength().Should().BeGreaterThan(0);
    }
}
