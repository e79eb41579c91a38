using System.Text.Json;
using Parley.Dialogues;
using Parley.Environments;
using Parley.Tests.TestDoubles;
using Parley.Tools;
using static Parley.Tests.TestDoubles.SqlQueries;

namespace Parley.Tests.Tools;

public sealed class SqlToolExecutorTests(BuiltEnvironments environments) : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly EnvironmentDatabase _retail = environments.Retail;
    private readonly Lazy<EnvironmentDatabase> _tiny = new(() => TinyDomain.Build());

    public void Dispose()
    {
        if (_tiny.IsValueCreated) _tiny.Value.Dispose();
    }

    private static async Task<ToolResult> Run(IToolExecutor executor, string tool, string arguments) =>
        await executor.ExecuteAsync(new ToolInvocation("call_test", tool, arguments), Ct);

    [Fact]
    public async Task ReturnsOneRowObject_WhenToolReturnsOne()
    {
        using var copy = _retail.OpenCopy();
        var email = ReadText(copy, "SELECT email FROM customers ORDER BY customer_id LIMIT 1");
        var id = ReadLong(copy, "SELECT customer_id FROM customers ORDER BY customer_id LIMIT 1");

        var result = await Run(_retail.CreateExecutor(copy), "find_customer_by_email", JsonSerializer.Serialize(new { email }));

        result.IsSuccess.Should().BeTrue(result.Content);
        using var json = JsonDocument.Parse(result.Content);
        json.RootElement.ValueKind.Should().Be(JsonValueKind.Object);
        json.RootElement.EnumerateObject().Select(p => p.Name).Should().Equal("customer_id", "name", "email", "tier");
        json.RootElement.GetProperty("customer_id").GetInt64().Should().Be(id);
        json.RootElement.GetProperty("email").GetString().Should().Be(email);
    }

    [Fact]
    public async Task MatchesEmailIgnoringCase_WhenSqlCollatesNocase()
    {
        using var copy = _retail.OpenCopy();
        var email = ReadText(copy, "SELECT email FROM customers ORDER BY customer_id LIMIT 1");

        var result = await Run(_retail.CreateExecutor(copy), "find_customer_by_email", JsonSerializer.Serialize(new { email = email.ToUpperInvariant() }));

        result.IsSuccess.Should().BeTrue(result.Content);
    }

    [Fact]
    public async Task ReturnsArrayOfRows_WhenToolReturnsMany()
    {
        using var copy = _retail.OpenCopy();
        var customer = ReadLong(copy, "SELECT customer_id FROM orders GROUP BY customer_id HAVING COUNT(*) >= 2 ORDER BY customer_id LIMIT 1");
        var orders = ReadLong(copy, $"SELECT COUNT(*) FROM orders WHERE customer_id = {customer}");

        var result = await Run(_retail.CreateExecutor(copy), "list_customer_orders", $"{{\"customer_id\":{customer}}}");

        result.IsSuccess.Should().BeTrue(result.Content);
        using var json = JsonDocument.Parse(result.Content);
        json.RootElement.ValueKind.Should().Be(JsonValueKind.Array);
        json.RootElement.GetArrayLength().Should().Be((int)orders);
        json.RootElement.EnumerateArray().Should().AllSatisfy(row =>
            row.EnumerateObject().Select(p => p.Name).Should().Equal("order_id", "order_date", "status", "total", "item_count"));
    }

    [Fact]
    public async Task ReturnsEmptyArray_WhenManyFindsNothing()
    {
        using var copy = _retail.OpenCopy();

        var result = await Run(_retail.CreateExecutor(copy), "list_customer_orders", "{\"customer_id\":987654321}");

        result.IsSuccess.Should().BeTrue();
        result.Content.Should().Be("[]");
    }

    [Fact]
    public async Task ReturnsStatusAndAffectedRows_WhenToolReturnsNone()
    {
        using var copy = _tiny.Value.OpenCopy();

        var result = await Run(_tiny.Value.CreateExecutor(copy), "add_item", "{\"shelf_id\":1,\"name\":\"lamp\",\"qty\":2}");

        result.IsSuccess.Should().BeTrue(result.Content);
        result.Content.Should().Be("{\"status\":\"ok\",\"affected_rows\":1}");
        ReadLong(copy, "SELECT COUNT(*) FROM items WHERE name = 'lamp'").Should().Be(1);
    }

    [Fact]
    public async Task BindsToday_WhenSqlUsesTodayWithoutSuchArgument()
    {
        using var copy = _tiny.Value.OpenCopy();

        await Run(_tiny.Value.CreateExecutor(copy), "add_item", "{\"shelf_id\":1,\"name\":\"dated\",\"qty\":1}");

        ReadText(copy, "SELECT added_on FROM items WHERE name = 'dated'").Should().Be("2025-01-10");
    }

    [Fact]
    public async Task ReportsUnknownTool_WhenNameIsNotDeclared()
    {
        using var copy = _retail.OpenCopy();

        var result = await Run(_retail.CreateExecutor(copy), "drop_all_tables", "{}");

        result.Error.Should().Be(ToolErrorKind.UnknownTool);
        ErrorOf(result).Kind.Should().Be("unknown_tool");
        ErrorOf(result).Message.Should().Contain("drop_all_tables");
    }

    [Fact]
    public async Task ReportsUnknownTool_WhenCalledWithoutValidationLayer()
    {
        using var copy = _retail.OpenCopy();
        var executor = new SqlToolExecutor(copy, _retail.Tools, _retail.Spec.Today);

        var result = await Run(executor, "no_such_tool", "{}");

        result.Error.Should().Be(ToolErrorKind.UnknownTool);
    }

    [Theory]
    [InlineData("find_customer_by_email", "{\"email\": ", "not valid JSON")]
    [InlineData("find_customer_by_email", "not json at all", "not valid JSON")]
    [InlineData("find_customer_by_email", "{}", "email")]
    [InlineData("list_customer_orders", "{\"customer_id\": \"thirty\"}", "customer_id")]
    [InlineData("list_customer_orders", "{\"customer_id\": 30.5}", "customer_id")]
    [InlineData("list_customer_orders", "{\"customer_id\": 30, \"status\": \"lost\"}", "status")]
    [InlineData("place_order", "{\"customer_id\": 1, \"product_id\": 101, \"quantity\": 0, \"shipping_address\": \"x\"}", "quantity")]
    [InlineData("update_contact_phone", "{\"customer_id\": 1, \"phone\": \"call me maybe\"}", "phone")]
    [InlineData("find_customer_by_email", "[\"a@example.com\"]", "schema")]
    public async Task ReportsInvalidArguments_WhenArgumentsBreakJsonOrSchema(string tool, string arguments, string mentioned)
    {
        using var copy = _retail.OpenCopy();
        var before = _retail.Hasher.Hash(copy);

        var result = await Run(_retail.CreateExecutor(copy), tool, arguments);

        result.Error.Should().Be(ToolErrorKind.InvalidArguments);
        ErrorOf(result).Kind.Should().Be("invalid_arguments");
        ErrorOf(result).Message.Should().Contain(mentioned);
        _retail.Hasher.Hash(copy).Should().Be(before);
    }

    [Fact]
    public async Task ReportsPreconditionFailed_WhenCancellingAnOrderThatIsNotPending()
    {
        using var copy = _retail.OpenCopy();
        var order = ReadLong(copy, "SELECT order_id FROM orders WHERE status = 'delivered' ORDER BY order_id LIMIT 1");
        var before = _retail.Hasher.Hash(copy);

        var result = await Run(_retail.CreateExecutor(copy), "cancel_order", $"{{\"order_id\":{order},\"reason\":\"changed my mind\"}}");

        result.Error.Should().Be(ToolErrorKind.PreconditionFailed);
        ErrorOf(result).Message.Should().Be($"Order {order} can no longer be cancelled because it is not pending.");
        ReadText(copy, $"SELECT status FROM orders WHERE order_id = {order}").Should().Be("delivered");
        _retail.Hasher.Hash(copy).Should().Be(before);
    }

    [Fact]
    public async Task ReportsNoRowsFromPrecondition_WhenPreconditionDeclaresNoRows()
    {
        using var copy = _retail.OpenCopy();

        var result = await Run(_retail.CreateExecutor(copy), "cancel_order", "{\"order_id\":1,\"reason\":\"x\"}");

        result.Error.Should().Be(ToolErrorKind.NoRows);
        ErrorOf(result).Message.Should().Be("There is no order 1.");
    }

    [Fact]
    public async Task ReportsNoRows_WhenLookingUpAnUnknownEmail()
    {
        using var copy = _retail.OpenCopy();

        var result = await Run(_retail.CreateExecutor(copy), "find_customer_by_email", "{\"email\":\"nobody.at.all@example.com\"}");

        result.Error.Should().Be(ToolErrorKind.NoRows);
        ErrorOf(result).Message.Should().Contain("nobody.at.all@example.com");
    }

    [Fact]
    public async Task CancelsPendingOrderAndRestocks_WhenOrderIsPending()
    {
        using var copy = _retail.OpenCopy();
        var order = ReadLong(copy, "SELECT order_id FROM orders WHERE status = 'pending' ORDER BY order_id LIMIT 1");
        var stockBefore = ReadLong(copy, $"SELECT SUM(p.stock) FROM products p WHERE p.product_id IN (SELECT product_id FROM order_items WHERE order_id = {order})");
        var quantity = ReadLong(copy, $"SELECT SUM(quantity) FROM order_items WHERE order_id = {order}");

        var result = await Run(_retail.CreateExecutor(copy), "cancel_order", $"{{\"order_id\":{order},\"reason\":\"too slow\"}}");

        result.IsSuccess.Should().BeTrue(result.Content);
        using var json = JsonDocument.Parse(result.Content);
        json.RootElement.GetProperty("status").GetString().Should().Be("cancelled");
        ReadText(copy, $"SELECT cancel_reason FROM orders WHERE order_id = {order}").Should().Be("too slow");
        ReadLong(copy, $"SELECT SUM(p.stock) FROM products p WHERE p.product_id IN (SELECT product_id FROM order_items WHERE order_id = {order})")
            .Should().Be(stockBefore + quantity);
    }

    [Theory]
    [InlineData("{\"shelf_id\":1,\"name\":\"negative\",\"qty\":-1}")]
    [InlineData("{\"shelf_id\":999,\"name\":\"nowhere\",\"qty\":1}")]
    public async Task ReportsConstraintViolation_WhenWriteBreaksCheckOrForeignKey(string arguments)
    {
        using var copy = _tiny.Value.OpenCopy();
        var before = _tiny.Value.Hasher.Hash(copy);

        var result = await Run(_tiny.Value.CreateExecutor(copy), "add_item", arguments);

        result.Error.Should().Be(ToolErrorKind.ConstraintViolation);
        ErrorOf(result).Kind.Should().Be("constraint_violation");
        ErrorOf(result).Message.Should().Contain("constraint");
        ReadLong(copy, "SELECT COUNT(*) FROM items").Should().Be(3);
        _tiny.Value.Hasher.Hash(copy).Should().Be(before);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RollsBackEarlierStatements_WhenALaterStatementFails(bool pooled)
    {
        var env = _tiny.Value;
        using var lease = pooled ? env.Rent() : null;
        using var own = pooled ? null : env.OpenCopy();
        var database = lease?.Database ?? own!;
        var executor = lease?.Executor ?? env.CreateExecutor(own!);
        var before = env.Hasher.Hash(database);

        var result = await Run(executor, "rename_then_add_to_missing_shelf", "{\"item_id\":1}");

        result.Error.Should().Be(ToolErrorKind.ConstraintViolation);
        ReadText(database, "SELECT name FROM items WHERE item_id = 1").Should().Be("item 1");
        env.Hasher.Hash(database).Should().Be(before);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RollsBackWrites_WhenOneRowResultFindsNothing(bool pooled)
    {
        var env = _tiny.Value;
        using var lease = pooled ? env.Rent() : null;
        using var own = pooled ? null : env.OpenCopy();
        var database = lease?.Database ?? own!;
        var executor = lease?.Executor ?? env.CreateExecutor(own!);

        var result = await Run(executor, "add_then_find_nothing", "{\"name\":\"ghost\"}");

        result.Error.Should().Be(ToolErrorKind.NoRows);
        ReadLong(database, "SELECT COUNT(*) FROM items WHERE name = 'ghost'").Should().Be(0);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task LeavesStateUnchangedAndKeepsWorking_WhenPreconditionFails(bool pooled)
    {
        var env = _tiny.Value;
        using var lease = pooled ? env.Rent() : null;
        using var own = pooled ? null : env.OpenCopy();
        var database = lease?.Database ?? own!;
        var executor = lease?.Executor ?? env.CreateExecutor(own!);
        (await Run(executor, "restock_low_item", "{\"item_id\":2,\"amount\":200}")).IsSuccess.Should().BeTrue();
        var afterFirst = env.Hasher.Hash(database);

        var refused = await Run(executor, "restock_low_item", "{\"item_id\":2,\"amount\":5}");
        var missing = await Run(executor, "restock_low_item", "{\"item_id\":77,\"amount\":5}");

        refused.Error.Should().Be(ToolErrorKind.PreconditionFailed);
        ErrorOf(refused).Message.Should().Be("Item 2 is already well stocked.");
        missing.Error.Should().Be(ToolErrorKind.NoRows);
        ErrorOf(missing).Message.Should().Be("There is no item 77.");
        env.Hasher.Hash(database).Should().Be(afterFirst);
        (await Run(executor, "restock_low_item", "{\"item_id\":3,\"amount\":1}")).IsSuccess.Should().BeTrue();
        env.Hasher.Hash(database).Should().NotBe(afterFirst);
    }

    private static (string Kind, string Message) ErrorOf(ToolResult result)
    {
        using var json = JsonDocument.Parse(result.Content);
        var error = json.RootElement.GetProperty("error");
        return (error.GetProperty("kind").GetString()!, error.GetProperty("message").GetString()!);
    }
}
