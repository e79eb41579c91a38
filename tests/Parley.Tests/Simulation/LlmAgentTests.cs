using System.Text.Json;
using Microsoft.Extensions.AI;
using Parley.Dialogues;
using Parley.Generation;
using Parley.Llm;
using Parley.Simulation;
using Parley.Tasks;
using Parley.Tests.TestDoubles;
using Parley.Verification;

namespace Parley.Tests.Simulation;

public sealed class LlmAgentTests(BuiltEnvironments environments)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly LlmRoleSettings Settings = new() { Model = "agent-model", MaxRepairs = 2 };
    private static readonly LlmAgentOptions TextMode = new() { ToolCalling = ToolCallingStyle.Text };

    /// <summary>A conversation with one answered call, so history mapping is exercised.</summary>
    private static readonly Message[] History =
    [
        new SystemMessage { Content = "You are a helpful shop assistant." },
        new UserMessage { Content = "Is the blue lamp in stock?" },
        new AssistantMessage { Content = "Let me look.", ToolCalls = [new ToolCall("call_abc", new FunctionCall("search_products", "{\"query\":\"blue lamp\"}"))] },
        new ToolMessage { ToolCallId = "call_abc", Name = "search_products", Content = "[{\"product_id\":7,\"stock\":3}]" },
        new AssistantMessage { Content = "Yes, 3 are in stock." },
        new UserMessage { Content = "Great, and the red one?" },
    ];

    private AgentView View(params Message[] messages) =>
        new(DialogueMode.UserOriented, messages.Length > 0 ? messages : History, environments.Retail.Tools, [], new AgentState { Rng = 11 });

    private static ChatResponse Reply(params AIContent[] contents) =>
        new(new ChatMessage(ChatRole.Assistant, [.. contents])) { FinishReason = ChatFinishReason.Stop, Usage = new UsageDetails { InputTokenCount = 500, OutputTokenCount = 40 } };

    private static FunctionCallContent Call(string id, string name, string json) => new(id, name, ChatMessageMapper.ToDictionary(json));

    [Fact]
    public async Task SendsTheSystemPromptToolsAndHistory_InTheNativeFormat()
    {
        var client = new ScriptedChatClient().Then((_, _) => Reply(new TextContent("The red one is sold out.")));

        await new LlmAgent(client, Settings).NextTurnAsync(View(), Ct);

        var (messages, options) = client.Requests.Single();
        messages.Select(m => m.Role).Should().Equal(ChatRole.System, ChatRole.User, ChatRole.Assistant, ChatRole.Tool, ChatRole.Assistant, ChatRole.User);
        messages[0].Text.Should().Be("You are a helpful shop assistant.");
        var call = messages[2].Contents.OfType<FunctionCallContent>().Single();
        (call.CallId, call.Name, ChatMessageMapper.ArgumentsJson(call.Arguments)).Should().Be(("call_abc", "search_products", "{\"query\":\"blue lamp\"}"));
        var result = messages[3].Contents.OfType<FunctionResultContent>().Single();
        (result.CallId, result.Result).Should().Be(("call_abc", (object)"[{\"product_id\":7,\"stock\":3}]"));
        options!.Tools!.Select(t => t.Name).Should().Equal(environments.Retail.Tools.Tools.Select(t => t.Name));
        options.ToolMode.Should().Be(ChatToolMode.Auto);
        options.AllowMultipleToolCalls.Should().BeTrue();
        options.ModelId.Should().Be("agent-model");
        options.Seed.Should().NotBeNull();
    }

    [Fact]
    public async Task MapsParallelCalls_KeepingTheirIdsAndArguments()
    {
        var client = new ScriptedChatClient().Then((_, _) => Reply(
            Call("call_1", "search_products", "{\"query\":\"red lamp\"}"),
            Call("call_2", "find_customer_by_email", "{\"email\":\"a@b.c\"}")));

        var turn = await new LlmAgent(client, Settings).NextTurnAsync(View(), Ct);

        turn.ToolCalls!.Select(c => (c.Id, c.Function.Name, c.Function.Arguments)).Should().Equal(
            ("call_1", "search_products", "{\"query\":\"red lamp\"}"),
            ("call_2", "find_customer_by_email", "{\"email\":\"a@b.c\"}"));
        turn.Text.Should().BeNull();
        turn.UnknownToolCalls.Should().Be(0);
        turn.State.Rng.Should().NotBe(11UL);
        turn.Usage.Should().Be(new TokenUsage { Requests = 1, InputTokens = 500, OutputTokens = 40 });
    }

    [Fact]
    public async Task GivesStableNewIds_WhenTheModelsIdIsMissingOrAlreadyUsed()
    {
        ChatResponse Calls() => Reply(Call("", "search_products", "{\"query\":\"x\"}"), Call("call_abc", "search_products", "{\"query\":\"y\"}"));
        var client = new ScriptedChatClient().Then((_, _) => Calls()).Then((_, _) => Calls());
        var agent = new LlmAgent(client, Settings);

        var first = await agent.NextTurnAsync(View(), Ct);
        var second = await agent.NextTurnAsync(View(), Ct);

        var ids = first.ToolCalls!.Select(c => c.Id).ToList();
        ids.Should().OnlyHaveUniqueItems().And.NotContain("").And.NotContain("call_abc", "call_abc already answered an earlier call");
        ids.Should().AllSatisfy(id => id.Should().MatchRegex("^[0-9a-f]{9}$"));
        second.ToolCalls!.Select(c => c.Id).Should().Equal(ids, "ids derive from the state's generator");
    }

    [Fact]
    public async Task CapturesReasoning_FromTheReasoningFieldAndFromThinkTags()
    {
        var client = new ScriptedChatClient()
            .Then((_, _) => Reply(new TextReasoningContent("The user wants the red lamp."), new TextContent("Checking now.")))
            .Then((_, _) => Reply(new TextContent("<think>Look it up first.</think>\nOne moment.")));
        var agent = new LlmAgent(client, Settings);

        var field = await agent.NextTurnAsync(View(), Ct);
        var tags = await agent.NextTurnAsync(View(), Ct);

        (field.Reasoning, field.Text).Should().Be(("The user wants the red lamp.", "Checking now."));
        (tags.Reasoning, tags.Text).Should().Be(("Look it up first.", "One moment."));
    }

    [Fact]
    public async Task DescribesToolsInTheSystemPrompt_AndRendersHistoryAsText_InTextMode()
    {
        var client = new ScriptedChatClient().Reply("The red one is sold out.");

        await new LlmAgent(client, Settings, TextMode).NextTurnAsync(View(), Ct);

        var (messages, options) = client.Requests.Single();
        options!.Tools.Should().BeNullOrEmpty();
        messages[0].Text.Should().StartWith("You are a helpful shop assistant.").And.Contain("<tools>").And.Contain("\"name\":\"search_products\"");
        messages[2].Text.Should().Be("Let me look.\n<tool_call>\n{\"name\":\"search_products\",\"arguments\":{\"query\":\"blue lamp\"}}\n</tool_call>");
        messages[3].Role.Should().Be(ChatRole.User);
        messages[3].Text.Should().Be("<tool_response>\n{\"name\":\"search_products\",\"content\":[{\"product_id\":7,\"stock\":3}]}\n</tool_response>");
        messages.Should().AllSatisfy(m => m.Contents.Should().AllBeOfType<TextContent>());
    }

    [Fact]
    public async Task ParsesSeveralToolCallBlocks_AsParallelCallsWithStableIds()
    {
        const string reply = "I'll check both.\n<tool_call>\n{\"name\": \"search_products\", \"arguments\": {\"query\": \"red lamp\"}}\n</tool_call>\n<tool_call>{\"name\":\"find_customer_by_email\",\"arguments\":\"{\\\"email\\\":\\\"a@b.c\\\"}\"}</tool_call>";
        var client = new ScriptedChatClient().Reply(reply).Reply(reply);
        var agent = new LlmAgent(client, Settings, TextMode);

        var turn = await agent.NextTurnAsync(View(), Ct);
        var again = await agent.NextTurnAsync(View(), Ct);

        turn.Text.Should().Be("I'll check both.");
        turn.ToolCalls!.Select(c => (c.Function.Name, c.Function.Arguments)).Should().Equal(
            ("search_products", "{\"query\": \"red lamp\"}"), ("find_customer_by_email", "{\"email\":\"a@b.c\"}"));
        turn.ToolCalls!.Select(c => c.Id).Should().OnlyHaveUniqueItems().And.Equal(again.ToolCalls!.Select(c => c.Id));
    }

    [Theory]
    [InlineData("{\"name\": \"search_products\", \"arguments\": {\"query\": \"red lamp\"}}")]
    [InlineData("```json\n{\"name\": \"search_products\", \"arguments\": {\"query\": \"red lamp\"}}\n```")]
    [InlineData("<tool_call>\n{\"name\": \"search_products\", \"arguments\": {\"query\": \"red lamp\"}}")]
    public async Task ReadsABareOrUnclosedCall_InTextMode(string reply)
    {
        var client = new ScriptedChatClient().Reply(reply);

        var turn = await new LlmAgent(client, Settings, TextMode).NextTurnAsync(View(), Ct);

        turn.Text.Should().BeNull();
        turn.ToolCalls.Should().ContainSingle().Which.Function.Should().Be(new FunctionCall("search_products", "{\"query\": \"red lamp\"}"));
    }

    [Fact]
    public async Task DropsAToolResultTheModelWroteItself_InTextMode()
    {
        var client = new ScriptedChatClient().Reply(
            "<tool_call>{\"name\": \"search_products\", \"arguments\": {\"query\": \"red\"}}</tool_call>\n<tool_response>{\"name\": \"search_products\", \"content\": []}</tool_response>\nNone in stock.");

        var turn = await new LlmAgent(client, Settings, TextMode).NextTurnAsync(View(), Ct);

        turn.ToolCalls.Should().ContainSingle();
        turn.Text.Should().BeNull("the invented result and the answer built on it are not the agent's to give");
    }

    [Fact]
    public async Task AsksForRepair_WhenAToolCallBlockIsMalformed()
    {
        var client = new ScriptedChatClient()
            .Reply("<tool_call>{\"name\": \"search_products\", \"arguments\": {\"query\": </tool_call>")
            .Reply("<tool_call>{\"name\": \"search_products\", \"arguments\": {\"query\": \"red\"}}</tool_call>");

        var turn = await new LlmAgent(client, Settings, TextMode).NextTurnAsync(View(), Ct);

        turn.ToolCalls.Should().ContainSingle();
        client.Requests[1].Messages[^1].Text.Should().Contain("could not be read");
        turn.Usage!.Requests.Should().Be(2);
    }

    [Theory]
    [InlineData("", "stop", LlmFailureKind.Empty)]
    [InlineData("<think>hmm</think>", "stop", LlmFailureKind.Empty)]
    [InlineData("The red lamp is", "length", LlmFailureKind.Truncated)]
    [InlineData("", "content_filter", LlmFailureKind.ContentFilter)]
    public async Task ThrowsAfterOneRepair_WhenTheReplyIsUnusable(string text, string finish, LlmFailureKind kind)
    {
        var client = new ScriptedChatClient { Respond = (_, _) => new ChatResponse(new ChatMessage(ChatRole.Assistant, text)) { FinishReason = new ChatFinishReason(finish) } };

        var act = () => new LlmAgent(client, Settings).NextTurnAsync(View(), Ct).AsTask();

        (await act.Should().ThrowAsync<LlmException>()).Which.Kind.Should().Be(kind);
        client.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task RecoversWithOneRepair_WhenTheFirstReplyIsEmpty()
    {
        var client = new ScriptedChatClient().Reply("").Reply("Let me check that.");

        var turn = await new LlmAgent(client, Settings).NextTurnAsync(View(), Ct);

        turn.Text.Should().Be("Let me check that.");
        client.Requests[1].Messages[^1].Text.Should().Contain("the reply was empty");
    }

    [Fact]
    public async Task RunsAnUnknownToolAsAnErrorResult_AndCountsIt()
    {
        using var session = DialogueSession.Open(environments.Retail);
        var client = new ScriptedChatClient()
            .Then((_, _) => Reply(Call("call_x", "teleport_parcel", "{\"to\":\"moon\"}")))
            .Reply("Sorry, I can't do that.");
        var state = new GenerationState
        {
            DialogueId = "dlg-unknown", Seed = 1, EnvironmentId = "retail", Persona = new Persona(), Tasks = Planning.Plan(environments.Retail, 12, 1),
            Messages = [History[0], History[1]], Next = Speaker.Agent,
        };

        var final = await new Orchestrator(new ScriptedUserSimulator(99), new LlmAgent(client, Settings), new OrchestratorOptions()).RunAsync(state, session, pauseAfterTurns: 4, Ct);

        var result = final.Messages.OfType<ToolMessage>().Single();
        result.ToolCallId.Should().Be("call_x");
        JsonDocument.Parse(result.Content!).RootElement.GetProperty("error").GetProperty("kind").GetString().Should().Be("unknown_tool");
        final.UnknownToolCalls.Should().Be(1);
        final.Messages[^1].Content.Should().Be("Sorry, I can't do that.");
    }

    [Fact]
    public async Task KeepsTheDialogueAsRejected_WhenTheAgentsModelFails()
    {
        var env = environments.Retail;
        var tasks = Planning.Plan(env, 12, 1);
        var client = new ScriptedChatClient().Reply("Hello! Let me help.").Then((_, _) => throw new LlmException(LlmFailureKind.ServerError, "503 after 3 retries"));
        var generator = new DialogueGenerator(new ScenarioTaskPlanner(), new AgendaUserSimulator(), new LlmAgent(client, Settings), DialogueVerifier.Default,
            RoleEngines.RuleBased with { Agent = "llm" });

        var outcome = await generator.GenerateFromTasksAsync(env, 0, 12, DialogueMode.UserOriented, tasks, new GenerationOptions { Output = "unused" }, Ct);

        outcome.Kept.Should().BeFalse();
        outcome.Problems.Should().Equal(new Problem("llm", "server_error: 503 after 3 retries"));
        outcome.Dialogue!.Metadata.Termination.Should().Be(TerminationReason.LlmError);
        outcome.Dialogue.Messages.Select(m => m.GetType()).Should().Equal(typeof(SystemMessage), typeof(UserMessage), typeof(AssistantMessage), typeof(UserMessage));
        outcome.Dialogue.Metadata.Usage![LlmRole.Agent.ConfigName()].Requests.Should().Be(1);
    }

    [Theory]
    [InlineData("retail", 12UL, 2)]
    [InlineData("retail", 5UL, 3)]
    [InlineData("airline", 8UL, 2)]
    [InlineData("hotel", 3UL, 2)]
    public async Task CompletesAVerifiedDialogue_WithTheRuleBasedUser(string domain, ulong seed, int taskCount)
    {
        var env = environments.Get(domain);
        var tasks = Planning.Plan(env, seed, taskCount);
        var generator = new DialogueGenerator(new ScenarioTaskPlanner(), new AgendaUserSimulator(), new LlmAgent(ScriptedAgentModel.For(tasks), Settings),
            DialogueVerifier.Default, RoleEngines.RuleBased with { Agent = "llm" });

        var outcome = await generator.GenerateFromTasksAsync(env, 0, seed, DialogueMode.UserOriented, tasks, new GenerationOptions { Output = "unused" }, Ct);

        outcome.Kept.Should().BeTrue(string.Join("; ", outcome.Problems));
        var dialogue = outcome.Dialogue!;
        dialogue.Metadata.TaskEndStates.Should().Equal(tasks.Select(t => t.ExpectedEndState));
        dialogue.Messages.OfType<AssistantMessage>().SelectMany(m => m.ToolCalls ?? []).Select(c => c.Function.Name)
            .Should().Equal(tasks.SelectMany(t => t.ExpectedActions).Select(a => a.Tool));
        dialogue.Metadata.Prompts.Should().ContainKey(LlmRole.Agent.ConfigName()).WhoseValue.Should()
            .Be($"system-message={LlmAgent.SystemPrompt.Tag} tools=native {LlmAgent.Fragments.File.Tag} model=agent-model");
        dialogue.Metadata.Usage!.Keys.Should().Equal(LlmRole.Agent.ConfigName());
    }
}
