using Parley.Environments;
using Parley.Tests.TestDoubles;
using static Parley.Tests.TestDoubles.SqlQueries;
using Parley.Tools;

namespace Parley.Tests.Tasks;

/// <summary>Principal and scenario-sample queries are untrusted SQL too: read-only, within the statement budget, bounded in rows.</summary>
public sealed class HostileQueryTests
{
    private static readonly EnvironmentSpec Retail = DomainCatalog.BuiltIn.Get("retail");

    private static ParleyException PlanningFails(EnvironmentDatabase env)
    {
        var plan = () => Planning.Plan(env, 1);
        return plan.Should().Throw<ParleyException>().Which;
    }

    [Fact(Timeout = 60_000)]
    public void StopsAnEndlessPrincipalQuery_WithinItsBudget()
    {
        using var env = EnvironmentDatabase.Build(Retail with
        {
            Principal = Retail.Principal! with { Sql = "SELECT customer_id, name, email FROM customers WHERE (SELECT count(*) FROM (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x FROM c)) > 0" },
        }, 0);

        var error = PlanningFails(env);

        error.Code.Should().Be("invalid_environment");
        error.Message.Should().Contain("took too long").And.Contain("SELECT customer_id, name, email FROM customers");
    }

    [Fact]
    public void RefusesAScenarioSample_ThatWrites()
    {
        var scenarios = Retail.Scenarios.Select(s => s with { Sample = "DELETE FROM orders WHERE customer_id = :customer_id RETURNING order_id, order_date, total" }).ToList();
        using var env = EnvironmentDatabase.Build(Retail with { Scenarios = scenarios }, 0);
        long orders;
        using (var copy = env.OpenCopy()) orders = ReadLong(copy, "SELECT COUNT(*) FROM orders");

        var error = PlanningFails(env);

        error.Message.Should().Contain("not allowed in this environment");
        using var after = env.Rent();
        ReadLong(after.Database, "SELECT COUNT(*) FROM orders").Should().Be(orders, "the pooled copy is the template again");
    }

    [Fact]
    public void RefusesAPrincipalQuery_ReturningMoreRowsThanTheLimit()
    {
        using var env = EnvironmentDatabase.Build(Retail with
        {
            Principal = Retail.Principal! with { Sql = $"WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT {SandboxLimits.MaxQueryRows + 1}) SELECT x AS customer_id FROM c" },
        }, 0);
        var before = GC.GetAllocatedBytesForCurrentThread();

        var error = PlanningFails(env);

        error.Message.Should().Contain($"more than {SandboxLimits.MaxQueryRows} rows");
        (GC.GetAllocatedBytesForCurrentThread() - before).Should().BeLessThan(512L << 20);
    }

    [Fact]
    public void NamesTheToolAndTheReason_WhenAForbiddenToolLeavesNoScenarioGroundable()
    {
        var tools = Retail.Tools.Select(t => t.Access == Parley.Tools.ToolAccess.Read ? t with { Sql = ["SELECT load_extension('libparley_missing_extension') AS customer_id"] } : t).ToList();
        using var env = EnvironmentDatabase.Build(Retail with { Tools = tools }, 0);

        var error = PlanningFails(env);

        error.Message.Should().Contain("no scenario could be grounded").And.MatchRegex(@"tool '\w+' failed \(forbidden\): The operation is not allowed in this environment\.");
    }
}
