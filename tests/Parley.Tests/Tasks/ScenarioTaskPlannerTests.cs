using System.Text.Json;
using Parley.Dialogues;
using Parley.Environments;
using Parley.Runs;
using Parley.Serialization;
using Parley.Tasks;
using Parley.Tests.TestDoubles;
using Parley.Tools;

namespace Parley.Tests.Tasks;

public sealed class ScenarioTaskPlannerTests(BuiltEnvironments environments)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly EnvironmentDatabase _retail = environments.Retail;

    private static string Json(IReadOnlyList<TaskSpec> tasks) => string.Join("\n", tasks.Select(t => JsonSerializer.Serialize(t, RunJsonContext.Default.TaskSpec)));

    [Fact]
    public void PlansTheSameTasks_WhenSeedIsTheSame()
    {
        Json(Planning.Plan(_retail, 5)).Should().Be(Json(Planning.Plan(_retail, 5)));
        Json(Planning.Plan(_retail, 6)).Should().NotBe(Json(Planning.Plan(_retail, 5)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task NumbersTasksOfTheDialogue_UpToTheRequestedCount(int count)
    {
        var plan = await new ScenarioTaskPlanner().PlanAsync(new TaskPlanRequest(_retail, "dlg-plan", 9, count), Ct);
        var tasks = plan.Tasks;

        plan.Usage.Should().BeNull("no model planned");
        plan.Failure.Should().BeNull();

        tasks.Count.Should().BeInRange(1, count);
        tasks.Select(t => t.Id).Should().Equal(tasks.Select((_, i) => $"dlg-plan-t{i}"));
        tasks.Select(t => t.Index).Should().Equal(Enumerable.Range(0, tasks.Count));
        tasks.Should().AllSatisfy(t =>
        {
            t.DialogueId.Should().Be("dlg-plan");
            t.EnvironmentId.Should().Be("retail");
            _retail.Spec.Scenarios.Select(s => s.Id).Should().Contain(t.Scenario);
            t.SubRequests.Should().NotBeEmpty();
            t.SubRequests.Should().AllSatisfy(s => s.Utterances.Should().NotBeEmpty());
            t.ExpectedActions.Select(a => a.SubRequest).Should().BeInAscendingOrder().And.AllSatisfy(r => r.Should().BeInRange(0, t.SubRequests.Count - 1));
        });
    }

    [Fact]
    public void KeepsWhatTheUserKnowsApartFromWhatTheToolsMustFind()
    {
        foreach (var seed in Enumerable.Range(1, 15).Select(s => (ulong)s))
        {
            var tasks = Planning.Plan(_retail, seed);

            tasks.Should().AllSatisfy(t =>
            {
                t.UserFacts.Keys.Should().Contain(["name", "email"]);
                t.UserFacts.Keys.Should().NotIntersectWith(t.HiddenFacts.Keys);
                t.Typos.Should().AllSatisfy(p => p.Value.Should().NotBe(t.UserFacts[p.Key]));
                t.MindChanges.Should().AllSatisfy(p => p.Value.Should().NotBe(t.UserFacts[p.Key]));
            });
            tasks.Select(t => t.UserFacts["email"]).Distinct().Should().ContainSingle("one user plays every task of a dialogue");
        }
    }

    [Fact]
    public async Task PlansTyposThatFindNothing_WhenLookedUp()
    {
        var tasks = Enumerable.Range(1, 40).SelectMany(s => Planning.Plan(_retail, (ulong)s)).Where(t => t.Typos.Count > 0).ToList();
        tasks.Should().NotBeEmpty();
        using var copy = _retail.OpenCopy();
        var executor = _retail.CreateExecutor(copy);

        foreach (var task in tasks.Take(10))
        {
            foreach (var (fact, typo) in task.Typos)
            {
                var lookup = task.ExpectedActions.First(a => a.Arguments.EnumerateObject().Any(p => p.Value.ValueKind == JsonValueKind.String && p.Value.GetString() == task.UserFacts[fact]));
                // Arguments are written with minimal escaping (an apostrophe stays one), so the typo is spliced in the same way.
                var arguments = lookup.Arguments.GetRawText().Replace(JsonSerializer.Serialize(task.UserFacts[fact], PrimitiveJsonContext.Relaxed.String), JsonSerializer.Serialize(typo, PrimitiveJsonContext.Relaxed.String), StringComparison.Ordinal);

                var result = await executor.ExecuteAsync(new ToolInvocation("typo", lookup.Tool, arguments), Ct);

                result.Error.Should().Be(ToolErrorKind.NoRows, $"{fact} '{typo}' must find nothing with {lookup.Tool}");
            }
        }
    }

    [Fact]
    public void BuildsOnThePreviousTask_WhenAScenarioNeedsItsFacts()
    {
        var chained = Enumerable.Range(1, 80).Select(s => Planning.Plan(_retail, (ulong)s, 4))
            .SelectMany(tasks => tasks.Select((t, i) => (t, previous: i > 0 ? tasks[i - 1] : null)))
            .Where(x => x.t.BuildsOn is not null)
            .ToList();

        chained.Should().NotBeEmpty("some scenarios (checking a cancelled order) build on an earlier task");
        chained.Should().AllSatisfy(x => x.t.BuildsOn.Should().Be(x.previous!.Id));
        chained.Should().Contain(x => x.t.Scenario == "check_cancelled_order" && x.previous!.Scenario == "cancel_pending_order");
    }

    [Fact]
    public void Throws_WhenTheEnvironmentDeclaresNoScenarios()
    {
        using var tiny = TinyDomain.Build();

        var plan = () => Planning.Plan(tiny, 1);

        plan.Should().Throw<ParleyException>().Which.Code.Should().Be("no_feasible_task");
    }

    [Theory]
    [InlineData("airline")]
    [InlineData("banking")]
    [InlineData("clinic")]
    [InlineData("hotel")]
    [InlineData("hr_leave")]
    [InlineData("it_helpdesk")]
    [InlineData("library")]
    [InlineData("retail")]
    public void PlansADeclinedRequestWithOnlyItsChecks_InEveryBuiltInDomain(string domain)
    {
        var env = environments.Get(domain);
        var declining = Enumerable.Range(1, 60).Select(s => Planning.Plan(env, (ulong)s, 4)).SelectMany(t => t)
            .Where(t => t.SubRequests.Any(r => r.Decline is not null)).Take(3).ToList();

        declining.Should().NotBeEmpty($"{domain} declares a request its policy refuses");
        declining.Should().AllSatisfy(task =>
        {
            var refused = task.SubRequests.Select((r, i) => (r, i)).Where(x => x.r.Decline is not null).Select(x => x.i).ToList();
            task.ExpectedActions.Where(a => refused.Contains(a.SubRequest))
                .Should().AllSatisfy(a => env.Tools.Tools.Single(t => t.Name == a.Tool).Access.Should().Be(ToolAccess.Read, "a refused request only checks"));
            task.SubRequests.Where(r => r.Decline is not null).Should().AllSatisfy(r =>
            {
                r.Decline!.What.Should().NotContain("{");
                r.Decline.Because.Should().NotContain("{");
                r.Decline.Offer.Should().NotBeNullOrWhiteSpace();
            });
        });
    }
}
