using Parley.Tasks;
using Parley.Dialogues;
using Parley.Environments;
using Parley.Llm;
using Parley.Simulation;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Simulation;

public sealed class OrchestratorTests(BuiltEnvironments environments)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly EnvironmentDatabase _retail = environments.Retail;

    private GenerationState NewState() => new()
    {
        DialogueId = "dlg-orchestrator",
        Seed = 1,
        EnvironmentId = "retail",
        Persona = new Persona(),
        Tasks = Planning.Plan(_retail, 12, 1),
        Messages = [new SystemMessage { Content = "You are helpful." }],
    };

    private async Task<GenerationState> Run(IUserSimulator user, IAgent agent, int maxTurns = 200, int? pauseAfter = null, GenerationState? from = null)
    {
        using var session = DialogueSession.Open(_retail);
        return await new Orchestrator(user, agent, new OrchestratorOptions { MaxTurns = maxTurns }).RunAsync(from ?? NewState(), session, pauseAfter, Ct);
    }

    [Fact]
    public async Task MarksPrematureEnd_WhenTheUserLeavesBeforeAnyTaskIsDone()
    {
        var final = await Run(new ScriptedUserSimulator(endAt: 1), new FixedAgent("Goodbye!"));

        final.Next.Should().Be(Speaker.Done);
        final.Termination.Should().Be(TerminationReason.PrematureEnd);
        final.Messages.Select(m => m.GetType()).Should().Equal(typeof(SystemMessage), typeof(UserMessage), typeof(AssistantMessage));
        final.TaskEndStates.Should().Equal([null], "a slot per task, never filled");
    }

    [Fact]
    public async Task StopsAsStuck_WhenTheAgentHasNothingToSay()
    {
        var final = await Run(new ScriptedUserSimulator(endAt: 99), new FixedAgent(null));

        final.Termination.Should().Be(TerminationReason.AgentStuck);
        final.Messages.Should().HaveCount(3);
    }

    [Fact]
    public async Task StopsAtTheTurnLimit_WhenTheConversationGoesOn()
    {
        var agent = new FixedAgent("Could you say more?");

        var final = await Run(new ScriptedUserSimulator(endAt: 99), agent, maxTurns: 6);

        final.Termination.Should().Be(TerminationReason.MaxTurns);
        final.Messages.Should().HaveCount(7);
        agent.Turns.Should().Be(3);
    }

    [Fact]
    public async Task PausesAndResumes_WhenAskedToStopAfterSomeTurns()
    {
        var paused = await Run(new ScriptedUserSimulator(endAt: 3), new FixedAgent("Mm-hm."), pauseAfter: 3);
        var resumed = await Run(new ScriptedUserSimulator(endAt: 1), new FixedAgent("Bye."), from: paused);

        paused.Next.Should().Be(Speaker.Agent);
        paused.Termination.Should().Be(TerminationReason.InProgress);
        paused.Messages.Should().HaveCount(4);
        resumed.Next.Should().Be(Speaker.Done);
        resumed.Messages.Take(4).Should().Equal(paused.Messages);
    }

    [Fact]
    public async Task ShowsTheUserOnlyTextMessages()
    {
        var user = new ScriptedUserSimulator(endAt: 2);

        await Run(user, new FixedAgent("Sure."));

        user.Views.Should().HaveCount(2);
        user.Views[1].Conversation.Select(m => m.GetType()).Should().Equal(typeof(UserMessage), typeof(AssistantMessage));
    }

    /// <summary>A user that reports its task done on each turn after the first and ends on the last one; or fails at <paramref name="failAt"/>.</summary>
    private sealed class ReportingUser(int endAt, int failAt = int.MaxValue) : IUserSimulator
    {
        private int _turns;

        public ValueTask<UserTurn> NextTurnAsync(UserView view, CancellationToken cancellationToken = default)
        {
            _turns++;
            if (_turns == failAt) throw new LlmException(LlmFailureKind.Refusal, "the model declined (after 2 repairs)");
            var ending = _turns >= endAt;
            return ValueTask.FromResult(new UserTurn(ending ? "Thanks, bye." : "Please do it.", view.State with { Request = 0 })
            {
                CurrentTaskDone = _turns > 1,
                EndConversation = ending,
                Usage = new TokenUsage { Requests = 1, InputTokens = 10 },
            });
        }
    }

    [Fact]
    public async Task RecordsTheEndStateWhenTheUserSaysTheTaskIsDone_ForAnAgentWithoutActs()
    {
        using var session = DialogueSession.Open(_retail);
        var fresh = _retail.Hasher.Hash(session.Database);

        var final = await new Orchestrator(new ReportingUser(endAt: 2), new FixedAgent("Done."), new OrchestratorOptions()).RunAsync(NewState(), session, null, Ct);

        final.Termination.Should().Be(TerminationReason.UserEnded);
        final.TaskEndStates.Should().Equal(fresh);
        final.Completed.Should().BeEquivalentTo(final.Tasks[0].SubRequests.Select((_, r) => new RequestKey(0, r)));
        final.Usage![LlmRole.UserSimulator.ConfigName()].Should().Be(new TokenUsage { Requests = 2, InputTokens = 20 });
        final.Usage.Should().NotContainKey(LlmRole.Agent.ConfigName(), "a rule-based agent reports no usage");
    }

    [Fact]
    public async Task StopsWithTheFailureAndKeepsTheMessages_WhenARoleModelFails()
    {
        var final = await Run(new ReportingUser(endAt: 9, failAt: 2), new FixedAgent("Sure."));

        final.Next.Should().Be(Speaker.Done);
        final.Termination.Should().Be(TerminationReason.LlmError);
        final.Failure.Should().Be("llm: refusal: the model declined (after 2 repairs)");
        final.Messages.Select(m => m.GetType()).Should().Equal(typeof(SystemMessage), typeof(UserMessage), typeof(AssistantMessage));
    }
}
