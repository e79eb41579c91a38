using Microsoft.Extensions.AI;
using Parley.Dialogues;
using Parley.Generation;
using Parley.Llm;
using Parley.Simulation;
using Parley.Tasks;
using Parley.Tests.TestDoubles;
using Parley.Verification;

namespace Parley.Tests.Simulation;

public sealed class LlmUserSimulatorTests(BuiltEnvironments environments)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly LlmRoleSettings Settings = new() { Model = "user-model", Temperature = 0.5f, MaxRepairs = 2 };
    private static readonly Persona Persona = new() { Name = "Ada Park", Style = "formal", Patience = 1, Upfront = 0, Typos = 0, Indecision = 0 };

    /// <summary>Planned retail tasks where the user has something to learn (hidden facts) and a task with several steps.</summary>
    private IReadOnlyList<TaskSpec> Tasks() =>
        Enumerable.Range(1, 200).Select(seed => Planning.Plan(environments.Retail, (ulong)seed, 2))
            .First(t => t.Any(x => x.HiddenFacts.Count > 0) && t[0].SubRequests.Count >= 3);

    private static UserView View(IReadOnlyList<TaskSpec> tasks, UserState state, DialogueMode mode = DialogueMode.UserOriented, params Message[] conversation) =>
        new(tasks[0].DialogueId, mode, Persona, UserGoal.AllOf(tasks), conversation, [], state);

    // Replies are written with only the keys a test cares about; the rest get the values a model under the strict schema sends.
    private static ChatResponse Json(string json, long input = 100, long output = 20) =>
        new(new ChatMessage(ChatRole.Assistant, Complete(json))) { FinishReason = ChatFinishReason.Stop, Usage = new UsageDetails { InputTokenCount = input, OutputTokenCount = output, CachedInputTokenCount = 60 } };

    private static string Complete(string json)
    {
        if (!json.StartsWith('{')) return json;
        var reply = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        if (!reply.ContainsKey("thought")) reply["thought"] = null;
        foreach (var flag in new[] { "request_done", "current_task_done", "end_conversation" }) reply[flag] ??= false;
        return reply.ToJsonString();
    }

    private static string Sent(ScriptedChatClient client, int request = 0) => string.Join("\n", client.Requests[request].Messages.Select(m => m.Text));

    [Fact]
    public async Task SendsTheCurrentStepPersonaAndFacts_ButNeverHiddenFactsOrTools()
    {
        var tasks = Tasks();
        var client = new ScriptedChatClient().Then((_, _) => Json("{\"message\":\"Thanks. What about the next one?\"}"));
        var state = new UserState { Task = 0, Request = 1, Rng = 9 };

        await new LlmUserSimulator(client, Settings).NextTurnAsync(View(tasks, state, DialogueMode.UserOriented,
            new UserMessage { Content = "Hello, I need help." }, new AssistantMessage { Content = "Sure, what can I do?" }), Ct);

        var (messages, options) = client.Requests.Single();
        messages.Select(m => m.Role).Should().Equal(ChatRole.System, ChatRole.User);
        var sent = Sent(client);
        sent.Should().Contain(tasks[0].SubRequests[1].Goal).And.Contain("step 2 of").And.Contain("Ada Park").And.Contain("formally");
        sent.Should().Contain(tasks[0].UserFacts.First().Value).And.Contain("You: Hello, I need help.").And.Contain("Assistant: Sure, what can I do?");
        foreach (var hidden in tasks.SelectMany(t => t.HiddenFacts.Values).Where(v => !tasks.Any(t => t.UserFacts.Values.Contains(v))))
        {
            sent.Should().NotContain(hidden, "the user must learn hidden facts from the agent");
        }
        foreach (var tool in environments.Retail.Tools.Tools) sent.Should().NotContain(tool.Name);
        options!.Tools.Should().BeNullOrEmpty();
        options.ModelId.Should().Be("user-model");
        options.ResponseFormat.Should().BeOfType<ChatResponseFormatJson>();
    }

    [Fact]
    public async Task KeepsTheSystemPromptFixed_AndPutsTheNewTurnLast()
    {
        var tasks = Tasks();
        var client = new ScriptedChatClient { Respond = (_, _) => Json("{\"message\":\"Okay.\"}") };
        var user = new LlmUserSimulator(client, Settings);

        await user.NextTurnAsync(View(tasks, new UserState { Rng = 1 }), Ct);
        await user.NextTurnAsync(View(tasks, new UserState { Request = 0, Rng = 2 }, DialogueMode.UserOriented,
            new UserMessage { Content = "Hi." }, new AssistantMessage { Content = "Hello!" }), Ct);

        client.Requests[1].Messages[0].Text.Should().Be(client.Requests[0].Messages[0].Text, "the static prefix is reused across turns");
        client.Requests[1].Messages[1].Text.Should().StartWith("The conversation so far:").And.EndWith("Reply with the JSON object only.");
    }

    [Fact]
    public async Task MovesToTheNextStep_WhenTheReplySaysTheRequestIsDone()
    {
        var tasks = Tasks();
        var client = new ScriptedChatClient().Then((_, _) => Json("{\"thought\":\"step 1 done\",\"message\":\"Thank you. Could you also do the next thing?\",\"request_done\":true}"));
        var state = new UserState { Task = 0, Request = 0, Rng = 9 };

        var turn = await new LlmUserSimulator(client, Settings).NextTurnAsync(View(tasks, state), Ct);

        turn.Message.Should().Be("Thank you. Could you also do the next thing?");
        turn.State.Request.Should().Be(1);
        turn.State.Done.Should().Equal(new RequestKey(0, 0));
        turn.State.Rng.Should().NotBe(9UL);
        turn.CurrentTaskDone.Should().BeFalse();
        turn.EndConversation.Should().BeFalse();
        turn.Usage.Should().Be(new TokenUsage { Requests = 1, InputTokens = 100, OutputTokens = 20, CachedInputTokens = 60 });
        turn.Acts.Should().ContainSingle(a => a.Type == ActType.Request).Which.Should().Match<DialogueAct>(a => a.Task == 0 && a.Request == 1);
    }

    [Fact]
    public async Task MovesToTheNextTask_WhenTheReplySaysTheTaskIsDone()
    {
        var tasks = Tasks();
        var client = new ScriptedChatClient().Then((_, _) => Json("{\"message\":\"Great. Another thing:\",\"current_task_done\":true}"));
        var state = new UserState { Task = 0, Request = 1, Rng = 9 };

        var turn = await new LlmUserSimulator(client, Settings).NextTurnAsync(View(tasks, state), Ct);

        turn.CurrentTaskDone.Should().BeTrue();
        turn.State.Task.Should().Be(1);
        turn.State.Request.Should().Be(0);
        turn.State.Done.Should().BeEquivalentTo(tasks[0].SubRequests.Select((_, r) => new RequestKey(0, r)));
    }

    [Fact]
    public async Task SendsTheSameRequest_WhenTheSameStateIsReplayed()
    {
        var tasks = Tasks();
        var client = new ScriptedChatClient { Respond = (_, _) => Json("{\"message\":\"Hello, I need help.\"}") };
        var user = new LlmUserSimulator(client, Settings);

        await user.NextTurnAsync(View(tasks, new UserState { Rng = 5 }), Ct);
        await user.NextTurnAsync(View(tasks, new UserState { Rng = 5 }), Ct);
        await user.NextTurnAsync(View(tasks, new UserState { Rng = 6 }), Ct);

        client.Requests[1].Options!.Seed.Should().Be(client.Requests[0].Options!.Seed);
        Sent(client, 1).Should().Be(Sent(client, 0));
        client.Requests[2].Options!.Seed.Should().NotBe(client.Requests[0].Options!.Seed);
    }

    [Fact]
    public async Task RepairsAndCountsBothCalls_WhenTheFirstReplyIsNotJson()
    {
        var client = new ScriptedChatClient().Then((_, _) => Json("Hi, I'd like to check my order.")).Then((_, _) => Json("{\"message\":\"Hi, I'd like to check my order.\"}"));

        var turn = await new LlmUserSimulator(client, Settings).NextTurnAsync(View(Tasks(), new UserState { Rng = 1 }), Ct);

        turn.Message.Should().Be("Hi, I'd like to check my order.");
        turn.Usage!.Requests.Should().Be(2);
        turn.Usage.InputTokens.Should().Be(200);
    }

    [Theory]
    [InlineData("I'm sorry, but I can't take part in this.", LlmFailureKind.Refusal)]
    [InlineData("", LlmFailureKind.Empty)]
    public async Task Throws_WhenTheModelKeepsFailingPastTheRepairs(string reply, LlmFailureKind kind)
    {
        var client = new ScriptedChatClient { Respond = (_, _) => Json(reply) };

        var act = () => new LlmUserSimulator(client, Settings with { MaxRepairs = 1 }).NextTurnAsync(View(Tasks(), new UserState { Rng = 1 }), Ct).AsTask();

        (await act.Should().ThrowAsync<LlmException>()).Which.Kind.Should().Be(kind);
        client.Requests.Should().HaveCount(2);
    }

    [Theory]
    [InlineData("Hello! How can I help you today?")]
    [InlineData("Is there anything else I can help you with?")]
    [InlineData("Sure, I'll look that up for you right away.")]
    [InlineData("I have booked your table for Friday.")]
    public async Task AsksForRepair_WhenTheMessageReadsLikeTheAssistant(string reversed)
    {
        var client = new ScriptedChatClient()
            .Then((_, _) => Json($"{{\"message\":\"{reversed}\"}}"))
            .Then((_, _) => Json("{\"message\":\"Hi, could you check my order status?\"}"));

        var turn = await new LlmUserSimulator(client, Settings).NextTurnAsync(View(Tasks(), new UserState { Rng = 1 }), Ct);

        turn.Message.Should().Be("Hi, could you check my order status?");
        client.Requests.Should().HaveCount(2);
        client.Requests[1].Messages[^1].Text.Should().Contain("reads like the assistant");
    }

    [Theory]
    [InlineData("Can you help me check where my order is?")]
    [InlineData("Let me check my email, one second. It's ada@example.com.")]
    [InlineData("Thanks, that's what I needed. How can I change the address?")]
    public async Task AcceptsTheMessage_WhenOnlyTheCustomerAsksForHelp(string message)
    {
        var client = new ScriptedChatClient().Then((_, _) => Json($"{{\"message\":\"{message}\"}}"));

        var turn = await new LlmUserSimulator(client, Settings).NextTurnAsync(View(Tasks(), new UserState { Rng = 1 }), Ct);

        turn.Message.Should().Be(message);
        client.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task SendsAnEarlyGoodbyeBackOnce_AndAcceptsItTheSecondTime()
    {
        var client = new ScriptedChatClient { Respond = (_, _) => Json("{\"thought\":null,\"message\":\"Thanks, bye!\",\"request_done\":true,\"current_task_done\":true,\"end_conversation\":true}") };

        var turn = await new LlmUserSimulator(client, Settings).NextTurnAsync(View(Tasks(), new UserState { Task = 0, Request = 0, Rng = 1 }), Ct);

        client.Requests.Should().HaveCount(2);
        client.Requests[1].Messages[^1].Text.Should().Contain("not every goal is done");
        turn.EndConversation.Should().BeTrue();
        turn.State.Ended.Should().BeTrue();
        turn.Acts.Should().Contain(a => a.Type == ActType.Bye);
    }

    [Fact]
    public async Task RecordsAPrematureEnd_WhenTheModelInsistsOnLeavingEarly()
    {
        using var session = DialogueSession.Open(environments.Retail);
        var client = new ScriptedChatClient { Respond = (_, _) => Json("{\"thought\":null,\"message\":\"Thanks, bye!\",\"request_done\":true,\"current_task_done\":true,\"end_conversation\":true}") };
        var state = new GenerationState
        {
            DialogueId = "dlg-early", Seed = 1, EnvironmentId = "retail", Persona = Persona, Tasks = Tasks(),
            Messages = [new SystemMessage { Content = "You are helpful." }],
        };

        var final = await new Orchestrator(new LlmUserSimulator(client, Settings), new FixedAgent("Goodbye!"), new OrchestratorOptions()).RunAsync(state, session, null, Ct);

        final.Termination.Should().Be(TerminationReason.PrematureEnd);
        final.Usage![LlmRole.UserSimulator.ConfigName()].Requests.Should().Be(2);
    }

    [Fact]
    public async Task StatesEverythingFirst_InTaskOrientedMode()
    {
        var tasks = Tasks();
        var client = new ScriptedChatClient().Then((_, _) => Json("{\"message\":\"Hi, I need several things done.\"}"));

        var turn = await new LlmUserSimulator(client, Settings).NextTurnAsync(View(tasks, new UserState { Rng = 1 }, DialogueMode.TaskOriented), Ct);

        client.Requests[0].Messages[0].Text.Should().Contain("ask for all of it in your first message");
        turn.State.Task.Should().Be(tasks.Count - 1);
        turn.Acts.Count(a => a.Type == ActType.Request).Should().Be(tasks.Sum(t => t.SubRequests.Count));
    }

    [Fact]
    public void DescribesItsPromptAndSettings_ForMetadata()
    {
        var user = new LlmUserSimulator(new ScriptedChatClient(), Settings);

        user.DescribePrompt(DialogueMode.UserOriented).Should().Be($"user-oriented.md@{PromptLibrary.Get("user-oriented.md").Hash} " +
            $"user-simulator.yaml@{PromptLibrary.Get("user-simulator.yaml").Hash} structured-output.yaml@{PromptLibrary.Get("structured-output.yaml").Hash} model=user-model temperature=0.5");
        user.DescribePrompt(DialogueMode.TaskOriented).Should().StartWith("task-oriented.md@");
    }

    [Theory]
    [InlineData("retail", 33UL)]
    [InlineData("retail", 4UL)]
    [InlineData("airline", 9UL)]
    [InlineData("library", 15UL)]
    public async Task CompletesAVerifiedDialogue_WithTheRuleBasedAgent(string domain, ulong seed)
    {
        var env = environments.Get(domain);
        var tasks = Planning.Plan(env, seed, 2);
        var generator = new DialogueGenerator(new ScenarioTaskPlanner(), new LlmUserSimulator(ScriptedUserModel.For(tasks), Settings), new OracleAgent(),
            DialogueVerifier.Default, RoleEngines.RuleBased with { User = "llm" });

        var outcome = await generator.GenerateFromTasksAsync(env, 0, seed, DialogueMode.UserOriented, tasks, new GenerationOptions { Output = "unused" }, Ct);

        outcome.Kept.Should().BeTrue(string.Join("; ", outcome.Problems));
        var metadata = outcome.Dialogue!.Metadata;
        metadata.Termination.Should().Be(TerminationReason.UserEnded);
        metadata.TaskEndStates.Should().Equal(tasks.Select(t => t.ExpectedEndState));
        metadata.Usage!.Keys.Should().Equal(LlmRole.UserSimulator.ConfigName());
        metadata.Usage[LlmRole.UserSimulator.ConfigName()].Requests.Should().Be(outcome.Dialogue.Messages.OfType<UserMessage>().Count());
        metadata.Prompts.Should().ContainKey(LlmRole.UserSimulator.ConfigName()).WhoseValue.Should().StartWith("user-oriented.md@");
    }

    [Fact]
    public async Task TellsAnErraticUserToMistypeAndCorrect_WhenTheTaskAllowsIt()
    {
        var tasks = Enumerable.Range(1, 200).Select(seed => Planning.Plan(environments.Get("airline"), (ulong)seed, 1)).First(t => t[0].Typos.Count > 0);
        var (fact, typo) = tasks[0].Typos.First();
        var client = new ScriptedChatClient { Respond = (_, _) => Json("{\"message\":\"Hello.\"}") };

        await new LlmUserSimulator(client, Settings).NextTurnAsync(new UserView(tasks[0].DialogueId, DialogueMode.UserOriented, Persona with { Typos = 1 }, UserGoal.AllOf(tasks), [], [], new UserState { Rng = 1 }), Ct);
        await new LlmUserSimulator(client, Settings).NextTurnAsync(new UserView(tasks[0].DialogueId, DialogueMode.UserOriented, Persona with { Typos = 0 }, UserGoal.AllOf(tasks), [], [], new UserState { Rng = 1 }), Ct);

        client.Requests[0].Messages[0].Text.Should().Contain($"mistype it as {typo}").And.Contain($"correct it to {tasks[0].UserFacts[fact]}");
        client.Requests[1].Messages[0].Text.Should().NotContain(typo);
    }
}
