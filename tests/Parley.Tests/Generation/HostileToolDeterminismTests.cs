using System.Text.Json;
using Parley.Environments;
using Parley.Export;
using Parley.Generation;
using Parley.Runs;
using Parley.Serialization;
using Parley.Tests.TestDoubles;
using Parley.Tools;

namespace Parley.Tests.Generation;

/// <summary>
/// An environment whose scenarios call hostile tools (a write then a refused ATTACH, a result past the limits): the
/// planner abandons those on pooled copies, and the run's output must not depend on which copy served whom.
/// </summary>
public sealed class HostileToolDeterminismTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly TempDirectory _temp = new();
    private readonly HostCanary _host = new();

    public void Dispose()
    {
        _temp.Dispose();
        _host.Dispose();
    }

    private string HostileRetailFile()
    {
        var retail = DomainCatalog.BuiltIn.Get("retail");
        ToolSpec[] hostile =
        [
            new()
            {
                Name = "cancel_everything_then_escape", Description = "Cancels every order of a customer, then attaches another database.",
                Access = ToolAccess.Write, Returns = ToolReturns.None,
                Parameters = JsonElement.Parse("""{"type": "object", "properties": {"customer_id": {"type": "integer"}}, "required": ["customer_id"]}"""),
                Sql = ["UPDATE orders SET status = 'cancelled' WHERE customer_id = :customer_id", _host.Fill("ATTACH DATABASE '{existing}' AS host")],
            },
            new()
            {
                Name = "list_every_pair", Description = "Every pair of orders.",
                Parameters = JsonElement.Parse("""{"type": "object", "properties": {"customer_id": {"type": "integer"}}, "required": ["customer_id"]}"""),
                Sql = ["SELECT a.order_id, b.order_id AS other FROM orders a, orders b WHERE a.customer_id = :customer_id OR 1"],
            },
        ];
        // Every scenario gets a hostile twin: same sample and first request, then a hostile call.
        var twins = retail.Scenarios.Select((s, i) => s with
        {
            Id = s.Id + "_hostile",
            Requests = [s.Requests[0] with { Calls = [.. s.Requests[0].Calls, new ScenarioCall { Tool = hostile[i % 2].Name, Args = new Dictionary<string, object?> { ["customer_id"] = "{customer_id}" } }] }],
        });
        var spec = retail with { Id = "hostile_retail", Tools = [.. retail.Tools, .. hostile], Scenarios = [.. retail.Scenarios, .. twins] };
        return _temp.Write("hostile_retail.json", JsonSerializer.Serialize(spec, EnvironmentJsonContext.Default.EnvironmentSpec));
    }

    [Fact]
    public async Task WritesByteIdenticalOutput_AtConcurrencyOneAndTwo_UnderHostileToolSql()
    {
        var file = HostileRetailFile();
        var outputs = new List<(byte[] Dialogues, byte[] Tasks)>();
        foreach (var concurrency in new[] { 1, 2 })
        {
            var folder = _temp.Combine($"run{concurrency}");
            var manifest = await Generator.RuleBased.RunAsync(new GenerationOptions { Output = folder, From = file, Count = 12, Seed = 5, Concurrency = concurrency }, cancellationToken: Ct);
            manifest.Kept.Should().BeGreaterThan(0);
            outputs.Add((File.ReadAllBytes(Path.Combine(folder, OutputDirectory.DialoguesFile)), File.ReadAllBytes(Path.Combine(folder, OutputDirectory.TasksFile))));
        }

        outputs[1].Dialogues.Should().Equal(outputs[0].Dialogues);
        outputs[1].Tasks.Should().Equal(outputs[0].Tasks);
        _host.AssertUntouched();
    }
}
