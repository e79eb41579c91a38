using Microsoft.Extensions.AI;
using Parley.Dialogues;
using Parley.Environments;
using Parley.Generation;
using Parley.Llm;
using Parley.Mcp;
using Parley.Simulation;
using Parley.Tests.TestDoubles;
using Parley.Verification;

namespace Parley.Tests.Mcp;

public sealed class McpLlmTaskPlannerTests(BuiltEnvironments environments)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string FirstPlan = """
        {"tasks": [
          {"goal": "You want to know whether book 1 can be borrowed.", "difficulty": "medium", "steps": [
            {"request": "Could you look up the catalog for 'the'?", "tool": "search_catalog", "arguments": "{\"query\": \"the\"}"},
            {"request": "Is book 1 available?", "tool": "get_book_availability", "arguments": "{\"book_id\": 1}"}]},
          {"goal": "You want the details of loan 999999.", "difficulty": "easy", "steps": [
            {"request": "What about my loan 999999?", "tool": "get_loan", "arguments": "{\"loan_id\": 999999}"}]}
        ]}
        """;

    private const string RepairedPlan = """
        {"tasks": [
          {"goal": "You want to know whether book 1 can be borrowed.", "difficulty": "medium", "steps": [
            {"request": "Could you look up the catalog for 'the'?", "tool": "search_catalog", "arguments": "{\"query\": \"the\"}"},
            {"request": "Is book 1 available?", "tool": "get_book_availability", "arguments": "{\"book_id\": 1}"}]},
          {"goal": "You want to know whether book 2 can be borrowed.", "difficulty": "easy", "steps": [
            {"request": "Is book 2 on the shelf?", "tool": "get_book_availability", "arguments": "{\"book_id\": 2}"}]}
        ]}
        """;

    [Fact]
    public async Task PlansOverTheServersTools_WithAStrictToolEnum_AndRepairsCallsTheServerRejects()
    {
        using var server = new McpEnvironmentServer(environments.Get("library")) { EvaluatorTools = true };
        await using var app = await McpHttpHost.StartAsync(server, "127.0.0.1:0", Ct);
        var spec = await McpEnvironmentDesigner.DesignAsync(McpHttpHost.EndpointOf(app).ToString(), Ct);
        using var env = EnvironmentDatabase.Build(spec, 0);
        var client = new ScriptedChatClient().Reply(FirstPlan).Reply(RepairedPlan);
        var generator = new DialogueGenerator(new Parley.Tasks.ScenarioTaskPlanner(), new AgendaUserSimulator(), new OracleAgent(), DialogueVerifier.Default,
            RoleEngines.RuleBased with { Planner = "llm:planner-test" })
        {
            McpPlanner = new McpLlmTaskPlanner(client, new LlmRoleSettings { Model = "planner-test" }),
        };

        var outcome = await generator.GenerateAsync(env, 0, "d0", 5, DialogueMode.UserOriented, TaskCountDistribution.Parse("2"), new GenerationOptions { Output = "unused" }, Ct);

        outcome.Kept.Should().BeTrue(string.Join("; ", outcome.Problems));
        client.Requests.Should().HaveCount(2);
        var schema = client.Requests[0].Options!.ResponseFormat.Should().BeOfType<ChatResponseFormatJson>().Subject.Schema!.Value;
        var tools = schema.GetProperty("properties").GetProperty("tasks").GetProperty("items").GetProperty("properties").GetProperty("steps")
            .GetProperty("items").GetProperty("properties").GetProperty("tool").GetProperty("enum").EnumerateArray().Select(t => t.GetString()).ToList();
        tools.Should().BeEquivalentTo(spec.Tools.Select(t => t.Name)).And.NotContain([McpEnvironmentTools.Reset, McpEnvironmentTools.StateHash]);
        McpLlmTaskPlanner.Schema(tools!).StrictProblems.Should().BeEmpty("the reply schema is sent strict");
        client.Requests[0].Messages.Last().Text.Should().Contain("search_catalog").And.Contain("\"query\"");
        client.Requests[1].Messages.Last().Text.Should().Contain("task 1, step 0 (get_loan)", "the server's error goes back to the model");
        outcome.Tasks.Select(t => t.Scenario).Should().Equal("mcp:llm", "mcp:llm");
        outcome.Tasks[1].ExpectedActions.Should().ContainSingle().Which.Tool.Should().Be("get_book_availability");
        var dialogue = outcome.Dialogue!;
        dialogue.Metadata.Engines["task_planner"].Should().Be("llm:planner-test");
        dialogue.Metadata.Verdict!.Checks.Should().Contain(c => c.Name == "state_probe" && c.Passed);
        dialogue.Messages.OfType<AssistantMessage>().SelectMany(m => m.ToolCalls ?? []).Select(c => c.Function.Name)
            .Should().Equal("search_catalog", "get_book_availability", "get_book_availability");
    }

    [Fact]
    public async Task RejectsTheDialogueWithTheServersErrors_WhenNoPlannedTaskCanBeCarriedOut()
    {
        using var server = new McpEnvironmentServer(environments.Get("library")) { EvaluatorTools = true };
        await using var app = await McpHttpHost.StartAsync(server, "127.0.0.1:0", Ct);
        var spec = await McpEnvironmentDesigner.DesignAsync(McpHttpHost.EndpointOf(app).ToString(), Ct);
        using var env = EnvironmentDatabase.Build(spec, 0);
        const string failing = """{"tasks": [{"goal": "You want loan 999999.", "difficulty": "easy", "steps": [{"request": "Loan 999999?", "tool": "get_loan", "arguments": "{\"loan_id\": 999999}"}]}]}""";
        var client = new ScriptedChatClient().Reply(failing).Reply(failing).Reply(failing);
        var planner = new McpLlmTaskPlanner(client, new LlmRoleSettings { Model = "planner-test", MaxRepairs = 2 });

        var plan = await planner.PlanAsync(new Parley.Tasks.TaskPlanRequest(env, "d0", 1, 1), Ct);

        plan.Tasks.Should().BeEmpty();
        plan.Repairs.Should().Be(2);
        plan.Failure.Should().Contain("get_loan");
    }
}
