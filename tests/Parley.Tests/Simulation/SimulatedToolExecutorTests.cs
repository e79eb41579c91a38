using Microsoft.Extensions.AI;
using Parley.Dialogues;
using Parley.Generation;
using Parley.Llm;
using Parley.Simulation;
using Parley.Tasks;
using Parley.Tests.TestDoubles;
using Parley.Tools;
using Parley.Verification;

namespace Parley.Tests.Simulation;

public sealed class SimulatedToolExecutorTests(BuiltEnvironments environments)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly LlmRoleSettings Settings = new() { Model = "sim-model", MaxRepairs = 1 };

    private SimulatedToolExecutor Executor(IChatClient client, IEnumerable<Message>? history = null) =>
        new(client, Settings, environments.Retail.Tools, 77, history);

    private static ChatResponse Json(string json) =>
        new(new ChatMessage(ChatRole.Assistant, json)) { FinishReason = ChatFinishReason.Stop, Usage = new UsageDetails { InputTokenCount = 300, OutputTokenCount = 30 } };

    // The strict reply shape: the result as JSON text, or an error; the other key null.
    private static ChatResponse Result(string json) =>
        Json(System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object?> { ["result"] = json, ["error"] = null }));

    private static ToolInvocation Search(string id = "call_1", string query = "lamp") => new(id, "search_products", $"{{\"query\":\"{query}\"}}");

    [Fact]
    public async Task ReturnsTheInventedResult_AsCompactJson()
    {
        var client = new ScriptedChatClient().Then((_, _) => Result("[{\"product_id\": 4, \"product_name\": \"Blue Lamp\"}]"));

        var result = await Executor(client).ExecuteAsync(Search(), Ct);

        result.IsSuccess.Should().BeTrue();
        result.Content.Should().Be("[{\"product_id\":4,\"product_name\":\"Blue Lamp\"}]", "written like every SQL result: compact, minimal escaping");
    }

    [Theory]
    [InlineData("no_rows", ToolErrorKind.NoRows)]
    [InlineData("precondition_failed", ToolErrorKind.PreconditionFailed)]
    [InlineData("invalid_arguments", ToolErrorKind.InvalidArguments)]
    public async Task ReturnsTheModelsErrorAsData(string kind, ToolErrorKind expected)
    {
        var client = new ScriptedChatClient().Then((_, _) => Json($"{{\"result\": null, \"error\": {{\"kind\": \"{kind}\", \"message\": \"No product matches.\"}}}}"));

        var result = await Executor(client).ExecuteAsync(Search(), Ct);

        result.Error.Should().Be(expected);
        result.Content.Should().Be(ToolResult.Failure(expected, "No product matches.").Content);
    }

    [Theory]
    [InlineData("teleport_parcel", "{}", ToolErrorKind.UnknownTool)]
    [InlineData("search_products", "{\"query\": 5}", ToolErrorKind.InvalidArguments)]
    [InlineData("search_products", "not json", ToolErrorKind.InvalidArguments)]
    public async Task AnswersInvalidCallsWithoutTheModel(string tool, string arguments, ToolErrorKind expected)
    {
        var client = new ScriptedChatClient();

        var result = await Executor(client).ExecuteAsync(new ToolInvocation("call_1", tool, arguments), Ct);

        result.Error.Should().Be(expected);
        client.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task SendsTheToolSpecArgumentsAndEarlierResults_WithAFixedSystemPrompt()
    {
        var client = new ScriptedChatClient()
            .Then((_, _) => Result("[{\"product_id\": 4}]"))
            .Then((_, _) => Result("[{\"product_id\": 9}]"));
        var executor = Executor(client);

        await executor.ExecuteAsync(Search("call_1", "lamp"), Ct);
        await executor.ExecuteAsync(Search("call_2", "chair"), Ct);

        var (first, second) = (client.Requests[0].Messages, client.Requests[1].Messages);
        var tool = environments.Retail.Tools.Tools.Single(t => t.Name == "search_products");
        first[0].Text.Should().Contain("\"name\":\"search_products\"").And.Contain(tool.Description).And.Contain("returns an array of objects");
        second[0].Text.Should().Be(first[0].Text);
        first[1].Text.Should().EndWith("search_products {\"query\":\"lamp\"}").And.NotContain("Earlier calls");
        second[1].Text.Should().Contain("search_products {\"query\":\"lamp\"} -> [{\"product_id\":4}]").And.EndWith("search_products {\"query\":\"chair\"}");
        client.Requests[0].Options!.ResponseFormat.Should().Be(ToolSimulatorReply.Schema.Format, "the shape it requires is the schema it sends");
        executor.Usage.Should().Be(new TokenUsage { Requests = 2, InputTokens = 600, OutputTokens = 60 });
    }

    [Fact]
    public async Task RemembersTheResultsOfAResumedDialogue()
    {
        var client = new ScriptedChatClient().Then((_, _) => Result("[]"));
        Message[] history =
        [
            new AssistantMessage { ToolCalls = [new ToolCall("call_0", new FunctionCall("search_products", "{\"query\":\"desk\"}"))] },
            new ToolMessage { ToolCallId = "call_0", Name = "search_products", Content = "[{\"product_id\":2}]" },
        ];

        await Executor(client, history).ExecuteAsync(Search(), Ct);

        client.Requests[0].Messages[1].Text.Should().Contain("search_products {\"query\":\"desk\"} -> [{\"product_id\":2}]");
    }

    [Fact]
    public async Task SeedsEachCallFromTheDialogueSeedAndCallId()
    {
        var client = new ScriptedChatClient { Respond = (_, _) => Result("[]") };

        await Executor(client).ExecuteAsync(Search("call_1"), Ct);
        await Executor(client).ExecuteAsync(Search("call_1"), Ct);
        await Executor(client).ExecuteAsync(Search("call_2"), Ct);

        client.Requests[1].Options!.Seed.Should().Be(client.Requests[0].Options!.Seed);
        client.Requests[2].Options!.Seed.Should().NotBe(client.Requests[0].Options!.Seed);
    }

    [Fact]
    public async Task RepairsOnce_ThenFails_WhenTheReplyHasNoResult()
    {
        var repaired = new ScriptedChatClient().Then((_, _) => Json("{\"rows\": []}")).Then((_, _) => Result("[]"));
        var broken = new ScriptedChatClient { Respond = (_, _) => Json("Sure, here you go.") };

        (await Executor(repaired).ExecuteAsync(Search(), Ct)).Content.Should().Be("[]");
        repaired.Requests[1].Messages[^1].Text.Should().Contain("does not match the schema");
        var act = () => Executor(broken).ExecuteAsync(Search(), Ct).AsTask();
        (await act.Should().ThrowAsync<LlmException>()).Which.Kind.Should().Be(LlmFailureKind.InvalidJson);
    }

    [Theory]
    [InlineData("{\"result\": null, \"error\": null}", "set exactly one of")]
    [InlineData("{\"result\": \"[{product_id: 4}]\", \"error\": null}", "as JSON text")]
    [InlineData("{\"result\": null, \"error\": {\"kind\": \"on_fire\", \"message\": \"x\"}}", "does not match the schema")]
    public async Task SendsBack_AReplyTheSchemaOrTheShapeRulesRefuse(string reply, string problem)
    {
        var client = new ScriptedChatClient().Then((_, _) => Json(reply)).Then((_, _) => Result("[]"));

        (await Executor(client).ExecuteAsync(Search(), Ct)).Content.Should().Be("[]");
        client.Requests[1].Messages[^1].Text.Should().Contain(problem);
    }

    [Fact]
    public async Task ReplacesSqlForADialogue_WhenTheGeneratorIsGivenTheFactory()
    {
        var env = environments.Retail;
        var tasks = Planning.Plan(env, 12, 1);
        var simulator = new ScriptedChatClient { Respond = (_, _) => Result("[{\"product_id\": 12345, \"product_name\": \"Invented Lamp\"}]") };
        var agent = new ScriptedChatClient()
            .Then((_, _) => new ChatResponse(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("call_q", "search_products", ChatMessageMapper.ToDictionary("{\"query\":\"lamp\"}"))])))
            .Reply("We have the Invented Lamp.")
            .Reply("Goodbye!");
        var generator = new DialogueGenerator(new ScenarioTaskPlanner(), new ScriptedUserSimulator(2), new LlmAgent(agent, Settings), DialogueVerifier.Default,
            RoleEngines.RuleBased with { Agent = "llm" })
        {
            ToolExecutor = (e, state) => new SimulatedToolExecutor(simulator, Settings, e.Tools, state.Seed, state.Messages),
        };

        var outcome = await generator.GenerateFromTasksAsync(env, 0, 12, DialogueMode.UserOriented, tasks, new GenerationOptions { Output = "unused" }, Ct);

        var dialogue = outcome.Dialogue!;
        dialogue.Messages.OfType<ToolMessage>().Single().Content.Should().Be("[{\"product_id\":12345,\"product_name\":\"Invented Lamp\"}]");
        dialogue.Metadata.Usage![LlmRole.ToolSimulator.ConfigName()].Requests.Should().Be(1);
        dialogue.Metadata.Prompts![LlmRole.ToolSimulator.ConfigName()].Should().StartWith("tool-simulator.md@").And.EndWith("model=sim-model");
    }
}
