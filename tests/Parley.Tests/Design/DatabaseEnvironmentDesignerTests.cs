using System.Text.Json;
using Parley.Design;
using Parley.Dialogues;
using Parley.Environments;
using Parley.Serialization;
using Parley.Tests.TestDoubles;
using Parley.Tools;

namespace Parley.Tests.Design;

public sealed class DatabaseEnvironmentDesignerTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly string _database;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public DatabaseEnvironmentDesignerTests() => _database = OddShop.WriteDatabase(_temp);

    public void Dispose() => _temp.Dispose();

    private EnvironmentSpec Design() => DatabaseEnvironmentDesigner.Design(ExistingDatabase.Load(_database), "odd shop");

    private static string Declarations(EnvironmentSpec spec) => JsonSerializer.Serialize(spec with { Description = "" }, EnvironmentJsonContext.Default.EnvironmentSpec);

    [Fact]
    public async Task WritesEveryKindOfTool_ThatPassesTheSelfTest()
    {
        var spec = Design();

        spec.Tools.Select(t => t.Name).Should().Contain(["find_client_account_by_e_mail", "list_client_account_orders", "get_order", "list_order_lines",
            "search_products", "update_order_status", "update_product_stock", "add_order", "list_product_tags"]);
        spec.Tools.Should().OnlyContain(t => System.Text.RegularExpressions.Regex.IsMatch(t.Name, "^[a-z][a-z0-9_]*$"));
        // The self-test guesses arguments from columns named like the parameters; a text key under its alias needs an example.
        var sku = JsonElement.Parse("""{"product_sku": "SKU-101"}""");
        var examples = new Dictionary<string, JsonElement> { ["get_product"] = sku, ["list_product_order_lines"] = sku, ["list_product_tags"] = sku,
            ["find_client_account_by_e_mail"] = JsonElement.Parse("""{"client_account_e_mail": "ada1@example.com"}""") };
        (await EnvironmentSelfTest.RunAsync(spec, 0, examples, Ct)).Should().BeEmpty();
    }

    [Fact]
    public void EveryToolIsUsedByAScenario_AndTheDesignIsDeterministic()
    {
        var spec = Design();

        var used = spec.Scenarios.SelectMany(s => s.Requests).SelectMany(r => r.Calls).Select(c => c.Tool).ToHashSet();
        spec.Tools.Select(t => t.Name).Should().OnlyContain(n => used.Contains(n));
        JsonSerializer.Serialize(Design(), EnvironmentJsonContext.Default.EnvironmentSpec).Should().Be(JsonSerializer.Serialize(spec, EnvironmentJsonContext.Default.EnvironmentSpec));
    }

    [Fact]
    public void ChoosesThePrincipal_FromThePeopleMostRowsBelongTo()
    {
        var spec = Design();

        spec.Principal!.Sql.Should().Contain("FROM \"Client Accounts\"");
        spec.Principal.Knows.Should().Equal("name", "client_account_e_mail");
        spec.Policy.Should().Contain("Identify the client account by their client account e mail");
    }

    [Fact]
    public async Task NeverExposesBlobColumns()
    {
        using var env = EnvironmentDatabase.Build(Design(), 0);

        var client = await CallAsync(env, "find_client_account_by_e_mail", """{"client_account_e_mail": "ada1@example.com"}""");
        var product = await CallAsync(env, "search_products", """{"query": "Kettle"}""");

        client.RootElement.EnumerateObject().Select(p => p.Name).Should().Contain("client_id").And.NotContain(n => n.Contains("portrait"));
        product.RootElement[0].EnumerateObject().Select(p => p.Name).Should().Contain("product_sku").And.NotContain(n => n.Contains("picture"));
    }

    [Fact]
    public async Task AddressesAKeylessTableByItsRowid_AndACompositeKeyByEveryPart()
    {
        var spec = Design();
        using var env = EnvironmentDatabase.Build(spec, 0);

        var visits = await CallAsync(env, "list_client_account_visit_logs", """{"client_id": 2}""");
        var line = spec.Tools.Single(t => t.Name == "list_order_lines");

        visits.RootElement.EnumerateArray().Should().OnlyContain(v => v.GetProperty("visit_log_id").ValueKind == JsonValueKind.Number);
        line.Sql[0].Should().Contain("FROM \"order_line\" AS t").And.Contain("t.\"order_id\" = :order_id");
        spec.Tools.Single(t => t.Name == "get_order").Sql[0].Should().Contain("FROM \"order\" AS t");
        Required(spec, "get_product").Should().Equal("product_sku");
    }

    [Fact]
    public async Task GuardsUpdates_WithTheValuesACheckAllows()
    {
        var spec = Design();
        using var env = EnvironmentDatabase.Build(spec, 0);
        var status = spec.Tools.Single(t => t.Name == "update_order_status");

        var same = await ExecuteAsync(env, "update_order_status", """{"order_id": 1, "order_status": "shipped"}""");
        var changed = await CallAsync(env, "update_order_status", """{"order_id": 1, "order_status": "cancelled"}""");
        var negative = await ExecuteAsync(env, "update_product_stock", """{"product_sku": "SKU-100", "product_stock": -2}""");

        status.Parameters.GetProperty("properties").GetProperty("order_status").GetProperty("enum").EnumerateArray().Select(e => e.GetString())
            .Should().Equal("pending", "shipped", "cancelled");
        same.Error.Should().Be(ToolErrorKind.PreconditionFailed);
        changed.RootElement.GetProperty("order_status").GetString().Should().Be("cancelled");
        negative.IsSuccess.Should().BeFalse();
    }

    [Fact]
    public async Task AddsAPrincipalsChildRow_WithPreconditionsFromItsForeignKey()
    {
        using var env = EnvironmentDatabase.Build(Design(), 0);

        var unknown = await ExecuteAsync(env, "add_order", """{"client_id": 999}""");
        var added = await CallAsync(env, "add_order", """{"client_id": 3}""");

        unknown.Error.Should().Be(ToolErrorKind.NoRows);
        added.RootElement.GetProperty("order_id").GetInt64().Should().Be(61);
        added.RootElement.GetProperty("order_status").GetString().Should().Be("pending", "a new row takes the first value its CHECK allows");
        added.RootElement.GetProperty("order_placed_on").GetString().Should().Be(env.Spec.Today);
    }

    [Fact]
    public void ReadsAScript_LikeADatabaseFile()
    {
        var fromScript = DatabaseEnvironmentDesigner.Design(ExistingDatabase.Load(_temp.Write("odd_shop.sql", OddShop.Script())), "odd shop");

        Declarations(fromScript).Should().Be(Declarations(Design()));
    }

    [Fact]
    public void RefusesADatabaseWithoutRows()
    {
        var empty = ExistingDatabase.Load(_temp.Write("empty.sql", ConcertSinger.Ddl));

        var design = () => DatabaseEnvironmentDesigner.Design(empty, "empty");

        design.Should().Throw<ParleyException>().Which.Message.Should().Contain("has no rows");
    }

    private static IEnumerable<string> Required(EnvironmentSpec spec, string tool) =>
        spec.Tools.Single(t => t.Name == tool).Parameters.GetProperty("required").EnumerateArray().Select(e => e.GetString()!);

    private static async Task<ToolResult> ExecuteAsync(EnvironmentDatabase env, string tool, string arguments)
    {
        using var lease = env.Rent();
        return await lease.Executor.ExecuteAsync(new ToolInvocation("test", tool, arguments), Ct);
    }

    private static async Task<JsonDocument> CallAsync(EnvironmentDatabase env, string tool, string arguments)
    {
        var result = await ExecuteAsync(env, tool, arguments);
        result.IsSuccess.Should().BeTrue(result.Content);
        return JsonDocument.Parse(result.Content);
    }
}
