using Microsoft.Data.Sqlite;
using Parley.Dialogues;
using Parley.Environments;
using Parley.Tests.TestDoubles;
using Parley.Tools;
using static Parley.Tests.TestDoubles.SqlQueries;

namespace Parley.Tests.Tools;

public sealed class SqliteSandboxTests(BuiltEnvironments environments) : IDisposable
{
    private const int SqliteAuth = 23;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly EnvironmentDatabase _tiny = TinyDomain.Build();

    public void Dispose() => _tiny.Dispose();

    private static Task<ToolResult> Run(IToolExecutor executor, string tool, string arguments = "{}") =>
        executor.ExecuteAsync(new ToolInvocation("call_test", tool, arguments), Ct).AsTask();

    [Theory]
    [InlineData("try_attach")]
    [InlineData("try_create_table")]
    [InlineData("try_drop_table")]
    [InlineData("try_pragma")]
    [InlineData("try_load_extension")]
    public async Task DeniesStatement_WhenToolTriesToEscapeTheSandbox(string tool)
    {
        using var copy = _tiny.OpenCopy();

        var result = await Run(_tiny.CreateExecutor(copy), tool);

        result.Error.Should().Be(ToolErrorKind.Forbidden);
        result.Content.Should().Contain("\"kind\":\"forbidden\"");
        ReadLong(copy, "SELECT COUNT(*) FROM items").Should().Be(3);
        ReadLong(copy, "SELECT COUNT(*) FROM sqlite_schema WHERE name = 'sneaky'").Should().Be(0);
    }

    [Theory]
    [InlineData("ATTACH DATABASE '' AS other")]
    [InlineData("CREATE TABLE sneaky (x INTEGER)")]
    [InlineData("DROP TABLE items")]
    [InlineData("PRAGMA foreign_keys = OFF")]
    [InlineData("CREATE INDEX sneaky_index ON items(name)")]
    [InlineData("ALTER TABLE items ADD COLUMN sneaky TEXT")]
    public void RaisesAuthorizationError_WhenLockedConnectionRunsForbiddenSql(string sql)
    {
        using var copy = _tiny.OpenCopy();
        copy.IsLocked.Should().BeTrue();
        using var command = copy.Connection.CreateCommand();
        command.CommandText = sql;

        var run = () => command.ExecuteNonQuery();

        run.Should().Throw<SqliteException>().Which.SqliteErrorCode.Should().Be(SqliteAuth);
    }

    [Fact]
    public void RefusesExtensionLoading_WhenLockedConnectionCallsLoadExtension()
    {
        using var copy = _tiny.OpenCopy();
        using var command = copy.Connection.CreateCommand();
        command.CommandText = "SELECT load_extension('libparley_missing_extension')";

        var run = () => command.ExecuteScalar();

        run.Should().Throw<SqliteException>().WithMessage("*not authorized to use function: load_extension*");
    }

    [Theory]
    [InlineData("CREATE TABLE sneaky (x INTEGER)")]
    [InlineData("CREATE VIEW sneaky AS SELECT 1 AS x")]
    [InlineData("PRAGMA table_info(sqlite_schema)")]
    public void AllowsStatement_WhenSandboxIsInItsSchemaPhase(string sql)
    {
        using var sandbox = SqliteSandbox.OpenInMemory();
        using var command = sandbox.Connection.CreateCommand();
        command.CommandText = sql;

        var run = () => command.ExecuteNonQuery();

        sandbox.Phase.Should().Be(SandboxPhase.Schema);
        run.Should().NotThrow();
    }

    [Theory]
    [InlineData("ATTACH DATABASE '' AS other")]
    [InlineData("VACUUM")]
    [InlineData("PRAGMA foreign_keys = OFF")]
    [InlineData("PRAGMA writable_schema = ON")]
    [InlineData("BEGIN")]
    [InlineData("SAVEPOINT sneaky")]
    public void RaisesAuthorizationError_WhenSchemaPhaseRunsForbiddenSql(string sql)
    {
        using var sandbox = SqliteSandbox.OpenInMemory();
        using var command = sandbox.Connection.CreateCommand();
        command.CommandText = sql;

        var run = () => command.ExecuteNonQuery();

        run.Should().Throw<SqliteException>().Which.SqliteErrorCode.Should().Be(SqliteAuth);
    }

    [Fact]
    public void RaisesAuthorizationError_WhenDataPhaseChangesTheSchema()
    {
        using var sandbox = SqliteSandbox.OpenInMemory();
        using (var create = sandbox.Connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE t (x INTEGER)";
            create.ExecuteNonQuery();
        }
        sandbox.EndSchema();
        using var command = sandbox.Connection.CreateCommand();
        command.CommandText = "INSERT INTO t VALUES (1); CREATE TABLE sneaky (x INTEGER)";

        var run = () => command.ExecuteNonQuery();

        run.Should().Throw<SqliteException>().Which.SqliteErrorCode.Should().Be(SqliteAuth);
    }

    [Fact]
    public async Task InterruptsRunawayStatement_WhenItExceedsTheBudget()
    {
        using var copy = _tiny.OpenCopy();
        copy.Lock(TimeSpan.FromMilliseconds(50));
        var executor = _tiny.CreateExecutor(copy);

        var result = await Run(executor, "count_forever");

        result.Error.Should().Be(ToolErrorKind.Timeout);
        result.Content.Should().Contain("\"kind\":\"timeout\"");
        (await Run(executor, "get_item", "{\"item_id\":1}")).IsSuccess.Should().BeTrue("the connection stays usable after an interrupt");
    }

    [Fact]
    public async Task LeavesLaterStatementsUnbudgeted_WhenAToolCallHasEnded()
    {
        using var copy = _tiny.OpenCopy();
        copy.Lock(TimeSpan.FromTicks(1)); // any tool statement runs past this budget; it must not outlive the call
        var executor = _tiny.CreateExecutor(copy);
        (await Run(executor, "count_forever")).Error.Should().Be(ToolErrorKind.Timeout);

        using var command = copy.Connection.CreateCommand();
        command.CommandText = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000) SELECT count(*) FROM n";
        var count = command.ExecuteScalar();

        count.Should().Be(100000L, "the planner and the end-state hash use the copy after the tool call");
    }

    [Fact]
    public async Task InterruptsRunawayWriteAndLeavesNothingBehind_WhenItExceedsTheBudget()
    {
        using var copy = _tiny.OpenCopy();
        copy.Lock(TimeSpan.FromMilliseconds(50));
        var executor = _tiny.CreateExecutor(copy);

        var result = await Run(executor, "add_forever");

        result.Error.Should().Be(ToolErrorKind.Timeout);
        ReadLong(copy, "SELECT COUNT(*) FROM items").Should().Be(3);
        (await Run(executor, "add_item", "{\"shelf_id\":1,\"name\":\"after\",\"qty\":1}")).IsSuccess.Should().BeTrue();
    }

    [Fact]
    public async Task KeepsWorkingAndReturnsPristineCopy_WhenARunawayWriteTimesOutInAPooledLease()
    {
        string template;
        using (var copy = _tiny.OpenCopy()) template = _tiny.Hasher.Hash(copy);
        using (var lease = _tiny.Rent())
        {
            lease.Database.Lock(TimeSpan.FromMilliseconds(50));
            (await Run(lease.Executor, "add_item", "{\"shelf_id\":1,\"name\":\"before\",\"qty\":1}")).IsSuccess.Should().BeTrue();

            var result = await Run(lease.Executor, "add_forever");

            result.Error.Should().Be(ToolErrorKind.Timeout);
            var after = await Run(lease.Executor, "add_item", "{\"shelf_id\":1,\"name\":\"after\",\"qty\":1}");
            after.IsSuccess.Should().BeTrue(after.Content);
        }

        using var next = _tiny.Rent();
        _tiny.Hasher.Hash(next.Database).Should().Be(template);
        ReadLong(next.Database, "SELECT COUNT(*) FROM items").Should().Be(3);
    }

    [Fact]
    public async Task KeepsEachCopyIsolated_WhenOneCopyIsWritten()
    {
        var retail = environments.Retail;
        using var first = retail.OpenCopy();
        using var second = retail.OpenCopy();
        var order = ReadLong(first, "SELECT order_id FROM orders WHERE status = 'pending' ORDER BY order_id LIMIT 1");

        var result = await Run(retail.CreateExecutor(first), "cancel_order", $"{{\"order_id\":{order},\"reason\":\"test\"}}");

        result.IsSuccess.Should().BeTrue(result.Content);
        ReadText(first, $"SELECT status FROM orders WHERE order_id = {order}").Should().Be("cancelled");
        ReadText(second, $"SELECT status FROM orders WHERE order_id = {order}").Should().Be("pending");
        using var fresh = retail.OpenCopy();
        ReadText(fresh, $"SELECT status FROM orders WHERE order_id = {order}").Should().Be("pending");
        retail.Hasher.Hash(fresh).Should().Be(retail.Hasher.Hash(second)).And.NotBe(retail.Hasher.Hash(first));
    }

    [Fact]
    public async Task UndoesEverything_WhenAPooledLeaseIsReturned()
    {
        using var env = TinyDomain.Build();
        string template;
        using (var copy = env.OpenCopy()) template = env.Hasher.Hash(copy);
        using (var lease = env.Rent())
        {
            (await Run(lease.Executor, "add_item", "{\"shelf_id\":2,\"name\":\"temp\",\"qty\":4}")).IsSuccess.Should().BeTrue();
            (await Run(lease.Executor, "restock_low_item", "{\"item_id\":1,\"amount\":3}")).IsSuccess.Should().BeTrue();
            env.Hasher.Hash(lease.Database).Should().NotBe(template);
            lease.Database.IsPristine.Should().BeFalse();
        }

        using var again = env.Rent();

        env.Hasher.Hash(again.Database).Should().Be(template);
        again.Database.IsPristine.Should().BeTrue();
        ReadLong(again.Database, "SELECT COUNT(*) FROM items WHERE name = 'temp'").Should().Be(0);
    }
}
