using Parley.Dialogues;
using Parley.Environments;
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
}
