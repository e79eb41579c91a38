using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Dialogues;
using Parley.Mcp;
using Parley.Simulation;
using Parley.Tests.TestDoubles;
using Parley.Tools;

namespace Parley.Tests.Mcp;

public sealed class McpSessionBridgeTests(BuiltEnvironments environments)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Read(string sql)
    {
        using var copy = environments.Retail.OpenCopy();
        return SqlQueries.ReadText(copy, sql);
    }

    [Fact]
    public async Task ShowsTheAgentTheToolsTheServerLists()
    {
        using var session = DialogueSession.Open(environments.Retail);
        await using var bridge = await McpSessionBridge.OpenAsync(environments.Retail, session.DatabaseExecutor, Ct);

        bridge.Tools.Tools.Select(t => t.Name).Should().Equal(environments.Retail.Tools.Tools.Select(t => t.Name));
        bridge.Tools.Tools.Should().AllSatisfy(t => JsonElement.DeepEquals(t.Parameters, environments.Retail.Tools.Tools.Single(s => s.Name == t.Name).Parameters).Should().BeTrue(t.Name));
    }

    [Fact]
    public async Task RunsCallsOnTheDialoguesOwnDatabase_AsTheDirectExecutorWould()
    {
        using var overMcp = DialogueSession.Open(environments.Retail);
        using var direct = DialogueSession.Open(environments.Retail);
        await using var bridge = await McpSessionBridge.OpenAsync(environments.Retail, overMcp.DatabaseExecutor, Ct);
        overMcp.Reroute(bridge, bridge.Tools);
        var email = Read("SELECT email FROM customers ORDER BY customer_id LIMIT 1");
        var customer = Read("SELECT customer_id FROM customers ORDER BY customer_id LIMIT 1");
        ToolInvocation[] calls =
        [
            new("c1", "find_customer_by_email", $$"""{"email":"{{email}}"}"""),
            new("c2", "update_contact_phone", $$"""{"customer_id":{{customer}},"phone":"+1 555 0100 999"}"""),
            new("c3", "find_customer_by_email", """{"email":"nobody@example.invalid"}"""),
            new("c4", "no_such_tool", "{}"),
        ];

        foreach (var call in calls)
        {
            var viaMcp = await overMcp.Executor.ExecuteAsync(call, Ct);
            var viaSql = await direct.Executor.ExecuteAsync(call, Ct);
            viaMcp.Error.Should().Be(viaSql.Error, call.Name);
            JsonNode.DeepEquals(JsonNode.Parse(viaMcp.Content), JsonNode.Parse(viaSql.Content)).Should().BeTrue($"{call.Name}: {viaMcp.Content} vs {viaSql.Content}");
        }
        using var fresh = environments.Retail.OpenCopy();
        environments.Retail.Hasher.Hash(overMcp.Database).Should().Be(environments.Retail.Hasher.Hash(direct.Database))
            .And.NotBe(environments.Retail.Hasher.Hash(fresh), "the write reached the dialogue's database");
    }

    [Fact]
    public async Task ReturnsInvalidArguments_WhenTheAgentSendsNoJsonObject()
    {
        using var session = DialogueSession.Open(environments.Retail);
        await using var bridge = await McpSessionBridge.OpenAsync(environments.Retail, session.DatabaseExecutor, Ct);

        var result = await bridge.ExecuteAsync(new ToolInvocation("c1", "find_customer_by_email", "[1, 2"), Ct);

        result.Error.Should().Be(ToolErrorKind.InvalidArguments);
    }
}
