using Parley.Dialogues;
using Parley.Environments;
using Parley.Tests.TestDoubles;
using Parley.Tools;
using SQLitePCL;
using static Parley.Tests.TestDoubles.SqlQueries;

namespace Parley.Tests.Tools;

/// <summary>
/// Hostile tool SQL and hostile arguments at call time: each ends as a tool error result (data the agent sees), never
/// an exception out of the executor, a hang past the budget, unbounded memory, or a file touched outside the run.
/// </summary>
public sealed class HostileToolCallTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly HostCanary _host = new();
    private readonly EnvironmentDatabase _env;

    public HostileToolCallTests()
    {
        var files = TinyDomain.WithTool(_host.Fill("""
            - name: list_million
              description: A million rows.
              parameters: {type: object, properties: {}}
              sql: ["WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 1000000) SELECT x FROM c"]
            - name: huge_blob
              description: One enormous value.
              parameters: {type: object, properties: {}}
              returns: one
              sql: ["SELECT zeroblob(900000000) AS b"]
            - name: wide_rows
              description: Twenty rows of 100 KB each.
              parameters: {type: object, properties: {}}
              sql: ["WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 20) SELECT x, randomblob(100000) AS b FROM c"]
            - name: fill_memory
              description: Inserts wide rows until something stops it.
              access: write
              parameters: {type: object, properties: {}}
              returns: none
              sql: ["INSERT INTO items (shelf_id, name, qty) WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT 1, hex(randomblob(4000)), 1 FROM c"]
            - name: attach_host
              description: Rewrites another database.
              access: write
              parameters: {type: object, properties: {}}
              returns: none
              sql: ["UPDATE items SET qty = 0", "ATTACH DATABASE '{existing}' AS host"]
            - name: search_items
              description: Items whose name matches a pattern.
              parameters: {type: object, properties: {pattern: {type: string}}, required: [pattern]}
              sql: ["SELECT item_id, name FROM items WHERE name LIKE :pattern"]
            """));
        _env = TinyDomain.Build(files);
    }

    public void Dispose()
    {
        _env.Dispose();
        _host.Dispose();
    }

    private static Task<ToolResult> Run(IToolExecutor executor, string tool, string arguments = "{}") =>
        executor.ExecuteAsync(new ToolInvocation("call_hostile", tool, arguments), Ct).AsTask();

    [Theory]
    [InlineData("list_million")]
    [InlineData("huge_blob")]
    [InlineData("wide_rows")]
    public async Task ReturnsResultTooLarge_WithinBoundedMemory_WhenAResultPassesTheLimits(string tool)
    {
        using var lease = _env.Rent();
        var before = GC.GetAllocatedBytesForCurrentThread();

        var result = await Run(lease.Executor, tool);

        result.Error.Should().Be(ToolErrorKind.ResultTooLarge, result.Content);
        result.Content.Should().Contain("\"kind\":\"result_too_large\"");
        (GC.GetAllocatedBytesForCurrentThread() - before).Should().BeLessThan(32L << 20);
    }

    [Fact(Timeout = 60_000)]
    public async Task StopsARunawayInsert_AtTheSizeOrTimeLimit_AndLeavesNothingBehind()
    {
        using var lease = _env.Rent();

        var result = await Run(lease.Executor, "fill_memory");

        result.Error.Should().BeOneOf(ToolErrorKind.ResultTooLarge, ToolErrorKind.Timeout);
        raw.sqlite3_db_status(lease.Database.Connection.Handle!, 1 /* SQLITE_DBSTATUS_CACHE_USED */, out var used, out _, 0);
        ((long)used).Should().BeLessThan(SandboxLimits.MaxGrowthBytes + (16L << 20));
        (await Run(lease.Executor, "get_item", "{\"item_id\":1}")).IsSuccess.Should().BeTrue("the lease restarts the scope SQLite ended");
        ReadLong(lease.Database, "SELECT COUNT(*) FROM items").Should().Be(3);
    }

    [Fact]
    public async Task DeniesATool_ThatReachesForAHostFile()
    {
        using var lease = _env.Rent();

        var result = await Run(lease.Executor, "attach_host");

        result.Error.Should().Be(ToolErrorKind.Forbidden);
        ReadLong(lease.Database, "SELECT SUM(qty) FROM items").Should().BeGreaterThan(0, "the write before the refused ATTACH is rolled back");
        _host.AssertUntouched();
    }

    [Theory]
    [InlineData("{\"item_id\": 1, \"item_id\": 2}", "not valid JSON")]
    [InlineData("{\"item_id\": 1, \"note\": \"\\ud800\"}", "not valid Unicode")]
    [InlineData("{\"item_id\": 1, \"note\": \"\\udc00 trailing\"}", "not valid Unicode")]
    [InlineData("{\"item_id\": 1, \"\\ud800\": 1}", "not valid Unicode")]
    [InlineData("{\"item_id\": 1, \"today\": \"1999-01-01\"}", "is set by the environment")]
    public async Task ReturnsInvalidArguments_NeverAnException_ForHostileArguments(string arguments, string reason)
    {
        using var lease = _env.Rent();
        var bare = new SqlToolExecutor(lease.Database, _env.Tools, _env.Spec.Today);

        var validated = await Run(lease.Executor, "get_item", arguments);
        var unvalidated = await Run(bare, "get_item", arguments);

        validated.Error.Should().Be(ToolErrorKind.InvalidArguments, validated.Content);
        validated.Content.Should().Contain(reason);
        if (!arguments.Contains("today", StringComparison.Ordinal)) unvalidated.Error.Should().Be(ToolErrorKind.InvalidArguments, unvalidated.Content);
    }

    [Fact]
    public async Task ReturnsInvalidArguments_WhenTheArgumentTextItselfHoldsALoneSurrogate()
    {
        using var lease = _env.Rent();
        var arguments = "{\"item_id\": 1, \"note\": \"" + '\ud800' + "\"}";

        var validated = await Run(lease.Executor, "get_item", arguments);
        var unvalidated = await Run(new SqlToolExecutor(lease.Database, _env.Tools, _env.Spec.Today), "get_item", arguments);

        validated.Error.Should().Be(ToolErrorKind.InvalidArguments, validated.Content);
        unvalidated.Error.Should().Be(ToolErrorKind.InvalidArguments, unvalidated.Content);
    }

    [Fact]
    public async Task ReturnsAnExecutionError_WhenALikePatternPassesTheLimit()
    {
        using var lease = _env.Rent();

        var result = await Run(lease.Executor, "search_items", "{\"pattern\": \"" + new string('%', SandboxLimits.MaxLikePattern + 1) + "\"}");

        result.Error.Should().Be(ToolErrorKind.ExecutionError);
        result.Content.Should().Contain("LIKE or GLOB pattern too complex");
    }

    [Fact]
    public async Task BindsTheEnvironmentsToday_EvenWhenACallerPassesItsOwn()
    {
        using var lease = _env.Rent();
        var bare = new SqlToolExecutor(lease.Database, _env.Tools, _env.Spec.Today);

        var result = await Run(bare, "add_item", "{\"shelf_id\": 1, \"name\": \"backdated\", \"qty\": 1, \"today\": \"1999-01-01\"}");

        result.IsSuccess.Should().BeTrue(result.Content);
        ReadText(lease.Database, "SELECT added_on FROM items WHERE name = 'backdated'").Should().Be(_env.Spec.Today);
    }

    [Fact]
    public async Task ValidatesAndBindsTheSameValue_WhenAKeyIsRepeated()
    {
        using var lease = _env.Rent();

        var result = await Run(lease.Executor, "restock_low_item", "{\"item_id\": 1, \"amount\": 1, \"amount\": 100000}");

        result.Error.Should().Be(ToolErrorKind.InvalidArguments);
        ReadLong(lease.Database, "SELECT MAX(qty) FROM items").Should().BeLessThan(100);
    }
}
