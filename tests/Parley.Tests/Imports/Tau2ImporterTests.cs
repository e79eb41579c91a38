using System.Text.Json;
using Parley.Environments;
using Parley.Evaluation;
using Parley.Imports;
using Parley.Tests.TestDoubles;
using Parley.Tools;

namespace Parley.Tests.Imports;

public sealed class Tau2ImporterTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _temp.Dispose();

    private static int Column(TableData table, string name) => table.Columns.ToList().IndexOf(name);

    private Task<Tau2Import> ImportAsync(Tau2Mapping? mapping = null) => Tau2Importer.ImportAsync(Tau2Fixture.Write(_temp.Combine("retail")), mapping, Ct);

    [Fact]
    public async Task FlattensTheDatabaseIntoKeyedTables()
    {
        var import = await ImportAsync();

        import.Environment.Id.Should().Be("tau2-retail");
        import.Rows.Should().Contain(new Dictionary<string, int>
        {
            ["users"] = 3, ["payment_methods"] = 4, ["products"] = 2, ["variants"] = 5, ["orders"] = 4, ["order_items"] = 7, ["fulfillments"] = 2, ["payments"] = 4,
        });
        var payments = import.Environment.Data!["payment_methods"];
        var gift = payments.Rows.Single(r => (string)r[Column(payments, "payment_method_id")]! == "gift_card_1");
        gift[Column(payments, "user_id")].Should().Be("ann_lee_1");
        gift[Column(payments, "balance")].Should().Be(20.0);
        import.Environment.Policy.Should().Contain("Confirm every change");
    }

    [Fact]
    public async Task ImportsTheTasks_AndListsThoseLeftOutWithTheReason()
    {
        var import = await ImportAsync();

        import.Tasks.Select(t => t.Scenario).Should().Equal("tau2:0", "tau2:1", "tau2:2", "tau2:3");
        import.Skipped.Select(s => s.Id).Should().Equal("4", "5", "6");
        import.Skipped[0].Reason.Should().Contain("no action the database can see");
        import.Skipped[1].Reason.Should().Contain("'book_flight', which has no SQL counterpart");
        import.Skipped[2].Reason.Should().Contain("Non-delivered order cannot be exchanged");
        var exchange = import.Tasks[1];
        exchange.ExpectedActions.Select(a => a.Tool).Should().NotContain("calculate");
        exchange.UserFacts.Should().Contain(new Dictionary<string, string> { ["first_name"] = "Ann", ["last_name"] = "Lee", ["zip"] = "73301", ["order_id"] = "#W0000002" });
        exchange.SubRequests.Should().ContainSingle().Which.Calls.Last().Args["payment_method_id"].GetString().Should().Be("credit_card_1");
        import.Tasks[2].SubRequests.Should().HaveCount(2, "one sub-request per write");
    }

    [Fact]
    public async Task ReachesEachTasksExpectedEndState_WhenItsActionsAreReplayed_AndTheOraclePassesThem()
    {
        var folder = _temp.Combine("env");
        Tau2Importer.Write(await ImportAsync(), folder);

        var results = await new Evaluator().RunAsync(new EvaluationOptions { Output = _temp.Combine("eval"), From = folder, Trials = 2 }, cancellationToken: Ct);

        results.Tasks.Should().Be(4);
        results.PassHatK["1"].Value.Should().Be(1);
        results.ByDomain.Keys.Should().Equal("tau2-retail");
    }

    [Fact]
    public async Task MirrorsThePythonTools_InTheirChecksAndEffects()
    {
        var import = await ImportAsync();
        using var env = EnvironmentDatabase.Build(import.Environment, 0);
        using var lease = env.Rent();
        async Task<string> Call(string tool, string args) => (await lease.Executor.ExecuteAsync(new ToolInvocation("c", tool, args), Ct)).Content;
        double Balance(string id)
        {
            using var command = lease.Database.Connection.CreateCommand();
            command.CommandText = "SELECT balance FROM payment_methods WHERE payment_method_id = $id";
            command.Parameters.AddWithValue("$id", id);
            return (double)command.ExecuteScalar()!;
        }

        (await Call("cancel_pending_order", """{"order_id": "#W0000002", "reason": "no longer needed"}""")).Should().Contain("Non-pending order cannot be cancelled");
        (await Call("cancel_pending_order", """{"order_id": "#W0000001", "reason": "too expensive"}""")).Should().Contain("Invalid reason");
        (await Call("exchange_delivered_order_items", """{"order_id": "#W0000002", "item_ids": ["3000000001"], "new_item_ids": ["2000000002"], "payment_method_id": "credit_card_1"}"""))
            .Should().Contain("not found or is not available", "a T-shirt is no keyboard");
        (await Call("exchange_delivered_order_items", """{"order_id": "#W0000002", "item_ids": ["2000000001"], "new_item_ids": ["2000000003"], "payment_method_id": "credit_card_1"}"""))
            .Should().Contain("not found or is not available", "that variant is unavailable");
        (await Call("return_delivered_order_items", """{"order_id": "#W0000002", "item_ids": ["2000000001"], "payment_method_id": "paypal_2"}""")).Should().Contain("Payment method not found");
        (await Call("modify_pending_order_payment", """{"order_id": "#W0000001", "payment_method_id": "gift_card_1"}""")).Should().Contain("should be different");

        var cancelled = JsonDocument.Parse(await Call("cancel_pending_order", """{"order_id": "#W0000001", "reason": "no longer needed"}""")).RootElement;
        cancelled.GetProperty("status").GetString().Should().Be("cancelled");
        Balance("gift_card_1").Should().Be(70.0, "a gift-card payment is refunded to the card at once");

        var modified = JsonDocument.Parse(await Call("modify_pending_order_items", """{"order_id": "#W0000004", "item_ids": ["2000000001"], "new_item_ids": ["2000000002"], "payment_method_id": "gift_card_3"}""")).RootElement;
        modified.GetProperty("status").GetString().Should().Be("pending (item modified)");
        modified.GetProperty("items").GetString().Should().Contain("\"item_id\":\"2000000002\"").And.Contain("55.5");
        Balance("gift_card_3").Should().Be(94.5);
        (await Call("modify_pending_order_items", """{"order_id": "#W0000004", "item_ids": ["3000000001"], "new_item_ids": ["3000000002"], "payment_method_id": "gift_card_3"}"""))
            .Should().Contain("Non-pending order cannot be modified", "items can be modified once");
    }

    [Fact]
    public async Task ImportsAnotherDomain_FromAMappingFolderAlone()
    {
        var retail = Tau2Mapping.Embedded("retail");
        var folder = _temp.Combine("mappings", "shop");
        Directory.CreateDirectory(folder);
        foreach (var file in new[] { "tau2.yaml", "schema.sql", "tools.yaml", "domain.yaml" }) File.WriteAllText(Path.Combine(folder, file), retail.Read(file));

        var import = await ImportAsync(Tau2Mapping.FromFolder(folder));

        import.Environment.Id.Should().Be("tau2-shop");
        import.Tasks.Should().HaveCount(4);
    }

    [Fact]
    public async Task NamesTheMissingFile()
    {
        var folder = _temp.Combine("empty");
        Directory.CreateDirectory(folder);

        var act = () => Tau2Importer.ImportAsync(folder, cancellationToken: Ct);

        (await act.Should().ThrowAsync<ParleyException>()).Which.Message.Should().Contain("no db.json");
    }
}
