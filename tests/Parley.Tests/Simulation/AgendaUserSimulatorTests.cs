using Parley.Dialogues;
using Parley.Simulation;
using Parley.Tasks;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Simulation;

public sealed class AgendaUserSimulatorTests(BuiltEnvironments environments)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly AgendaUserSimulator _user = new();

    /// <summary>Personas from the calmest to the most erratic user.</summary>
    public static readonly Persona[] Personas =
    [
        new() { Name = "Calm", Style = "formal", Verbosity = 0, Patience = 1, Upfront = 0, Typos = 0, Indecision = 0, Curiosity = 0 },
        new() { Name = "Chatty", Style = "casual", Verbosity = 1, Patience = 0.3, Upfront = 0.8, Typos = 0.5, Indecision = 0.6, Curiosity = 0.6 },
        new() { Name = "Erratic", Style = "casual", Verbosity = 1, Patience = 0, Upfront = 1, Typos = 1, Indecision = 1, Curiosity = 1 },
    ];

    private IReadOnlyList<TaskSpec> Tasks(ulong seed = 21, int count = 2) => Planning.Plan(environments.Retail, seed, count);

    private static IEnumerable<RequestKey> Keys(IReadOnlyList<TaskSpec> tasks) => RequestKey.AllOf(tasks);

    private static UserState AtTheEnd(IReadOnlyList<TaskSpec> tasks, IEnumerable<RequestKey> done, ulong rng) => new()
    {
        Task = tasks.Count - 1,
        Request = tasks[^1].SubRequests.Count - 1,
        Done = [.. done],
        Rng = rng,
        Stated = new Dictionary<string, string> { ["email"] = tasks[0].UserFacts["email"] },
    };

    private static DialogueAct ReportOf(IReadOnlyList<TaskSpec> tasks) =>
        new(ActType.Report) { Task = tasks.Count - 1, Request = tasks[^1].SubRequests.Count - 1 };

    private Task<UserTurn> Turn(DialogueMode mode, Persona persona, IReadOnlyList<TaskSpec> tasks, UserState state, params DialogueAct[] agentActs) =>
        _user.NextTurnAsync(new UserView(mode, persona, tasks, [], agentActs, state), Ct).AsTask();

    public static TheoryData<DialogueMode, ActType> WaitingActs => new()
    {
        { DialogueMode.UserOriented, ActType.AskInfo },
        { DialogueMode.UserOriented, ActType.Confirm },
        { DialogueMode.UserOriented, ActType.Clarify },
        { DialogueMode.TaskOriented, ActType.AskInfo },
        { DialogueMode.TaskOriented, ActType.Confirm },
        { DialogueMode.TaskOriented, ActType.Clarify },
    };

    [Fact]
    public async Task RecordsReport_WhenItArrivesTogetherWithAConfirmation()
    {
        var tasks = Tasks();
        var state = new UserState { Task = 0, Request = 1, Rng = 3 };
        var report = new DialogueAct(ActType.Report) { Task = 0, Request = 0 };

        var turn = await Turn(DialogueMode.UserOriented, Personas[0], tasks, state, report, new DialogueAct(ActType.Confirm));

        turn.Acts.Should().ContainSingle(a => a.Type == ActType.Affirm);
        turn.State.Done.Should().Contain(new RequestKey(0, 0));
    }

    [Theory]
    [MemberData(nameof(WaitingActs))]
    public async Task NeverEnds_WhenTheAgentIsWaitingForAnAnswer(DialogueMode mode, ActType waiting)
    {
        var tasks = Tasks();
        var act = new DialogueAct(waiting) { Fact = waiting == ActType.Confirm ? null : "email", Columns = ["order_id", "order_date"] };

        foreach (var persona in Personas)
        {
            for (ulong rng = 0; rng < 25; rng++)
            {
                var turn = await Turn(mode, persona, tasks, AtTheEnd(tasks, Keys(tasks), rng), ReportOf(tasks), act);

                turn.EndConversation.Should().BeFalse($"{persona.Name} (rng {rng}) answered '{turn.Message}' while the agent waited for {waiting}");
                turn.State.Ended.Should().BeFalse();
                turn.Message.Should().NotBeNullOrWhiteSpace();
            }
        }
    }

    [Theory]
    [InlineData(DialogueMode.UserOriented)]
    [InlineData(DialogueMode.TaskOriented)]
    public async Task NeverEnds_WhenTheCurrentSubRequestWasNotReported(DialogueMode mode)
    {
        var tasks = Tasks();
        var current = new RequestKey(tasks.Count - 1, tasks[^1].SubRequests.Count - 1);

        foreach (var persona in Personas)
        {
            for (ulong rng = 0; rng < 25; rng++)
            {
                var turn = await Turn(mode, persona, tasks, AtTheEnd(tasks, Keys(tasks).Where(k => k != current), rng), new DialogueAct(ActType.OfferHelp));

                turn.EndConversation.Should().BeFalse($"{persona.Name} (rng {rng}) said '{turn.Message}' though {current} was never reported");
            }
        }
    }

    [Fact]
    public async Task NeverEnds_WhenAnEarlierSubRequestWasNotReported_InTaskOrientedMode()
    {
        var tasks = Tasks();

        foreach (var missing in Keys(tasks).SkipLast(1))
        {
            var turn = await Turn(DialogueMode.TaskOriented, Personas[0], tasks, AtTheEnd(tasks, Keys(tasks).Where(k => k != missing), 1), ReportOf(tasks));

            turn.EndConversation.Should().BeFalse($"{missing} was never reported");
        }
    }

    [Fact]
    public async Task NeverEnds_WhenAnEarlierSubRequestWasNotReported_InUserOrientedMode()
    {
        var tasks = Tasks();

        foreach (var missing in Keys(tasks).SkipLast(1))
        {
            var turn = await Turn(DialogueMode.UserOriented, Personas[0], tasks, AtTheEnd(tasks, Keys(tasks).Where(k => k != missing), 1), ReportOf(tasks));

            turn.EndConversation.Should().BeFalse($"{missing} was never reported");
        }
    }

    [Theory]
    [InlineData(DialogueMode.UserOriented)]
    [InlineData(DialogueMode.TaskOriented)]
    public async Task EndsWithGoodbye_WhenEverythingWasReportedAndNothingIsPending(DialogueMode mode)
    {
        var tasks = Tasks();

        var turn = await Turn(mode, Personas[0], tasks, AtTheEnd(tasks, Keys(tasks).SkipLast(1), 3), ReportOf(tasks));

        turn.EndConversation.Should().BeTrue();
        turn.CurrentTaskDone.Should().BeTrue();
        turn.State.Ended.Should().BeTrue();
        turn.Acts.Should().ContainSingle().Which.Type.Should().Be(ActType.Bye);
    }

    [Fact]
    public async Task StatesEverySubRequestInTheFirstMessage_WhenTaskOriented()
    {
        foreach (var seed in new ulong[] { 21, 22, 23, 24 })
        {
            var tasks = Tasks(seed, 3);
            foreach (var persona in Personas)
            {
                var turn = await Turn(DialogueMode.TaskOriented, persona, tasks, new UserState { Rng = seed });

                var requested = turn.Acts.Where(a => a.Type == ActType.Request).Select(a => a.Key);
                requested.Should().Equal(Keys(tasks));
                for (var t = 0; t < tasks.Count; t++)
                {
                    foreach (var sub in tasks[t].SubRequests)
                    {
                        sub.Utterances.Should().Contain(u => turn.Message.Contains(u.Text, StringComparison.OrdinalIgnoreCase),
                            $"the first message states '{sub.Goal}': {turn.Message}");
                    }
                }
                turn.EndConversation.Should().BeFalse();
            }
        }
    }

    [Fact]
    public async Task StatesOnlyTheFirstSubRequest_WhenUserOrientedAndPatient()
    {
        var tasks = Tasks();

        var turn = await Turn(DialogueMode.UserOriented, Personas[0], tasks, new UserState { Rng = 5 });

        turn.Acts.Where(a => a.Type == ActType.Request).Should().ContainSingle().Which.Should().Match<DialogueAct>(a => a.Task == 0 && a.Request == 0);
        turn.State.Task.Should().Be(0);
        turn.State.Request.Should().Be(0);
        turn.Message.Should().ContainAny(tasks[0].SubRequests[0].Utterances.Select(u => u.Text).ToArray());
    }

    [Fact]
    public async Task AnswersOnlyWhatIsAsked_WhenTheAgentAsksForAFact()
    {
        var tasks = Tasks();
        var state = new UserState { Task = 0, Request = 0, Rng = 2 };

        var turn = await Turn(DialogueMode.UserOriented, Personas[0], tasks, state, new DialogueAct(ActType.AskInfo) { Fact = "email" });

        turn.Acts.Should().ContainSingle().Which.Should().Match<DialogueAct>(a => a.Type == ActType.Inform && a.Fact == "email" && a.Value == tasks[0].UserFacts["email"]);
        turn.Message.Should().Contain(tasks[0].UserFacts["email"]);
        turn.State.Stated.Should().Contain("email", tasks[0].UserFacts["email"]);
    }

    [Fact]
    public async Task SaysItDoesNotKnow_WhenAskedForAFactItWasNeverGiven()
    {
        var tasks = Tasks();

        var turn = await Turn(DialogueMode.UserOriented, Personas[0], tasks, new UserState { Task = 0, Request = 0, Rng = 2 },
            new DialogueAct(ActType.AskInfo) { Fact = "customer_id" });

        turn.Acts.Should().ContainSingle().Which.Type.Should().Be(ActType.DontKnow);
        turn.EndConversation.Should().BeFalse();
    }

    [Fact]
    public async Task GivesTheTypoFirstAndCorrectsIt_WhenTheAgentFindsNothing()
    {
        var (tasks, fact) = Enumerable.Range(30, 40).Select(s => Tasks((ulong)s))
            .Select(t => (t, fact: t[0].Typos.Keys.FirstOrDefault()))
            .First(x => x.fact is not null);
        var typo = tasks[0].Typos[fact!];
        var truth = tasks[0].UserFacts[fact!];
        var erratic = Personas[2];

        var first = await Turn(DialogueMode.UserOriented, erratic, tasks, new UserState { Task = 0, Request = 0, Rng = 8 }, new DialogueAct(ActType.AskInfo) { Fact = fact });
        var second = await Turn(DialogueMode.UserOriented, erratic, tasks, first.State,
            new DialogueAct(ActType.ReportError) { Fact = fact }, new DialogueAct(ActType.AskInfo) { Fact = fact });

        first.Acts.Should().ContainSingle().Which.Value.Should().Be(typo);
        first.State.Uncorrected.Should().Be(fact);
        second.Acts.Should().ContainSingle().Which.Should().Match<DialogueAct>(a => a.Type == ActType.Inform && a.Fact == fact && a.Value == truth);
        second.Message.Should().Contain(truth);
        second.State.Uncorrected.Should().BeNull();
        second.State.DecoysUsed.Should().Contain(fact);
    }

    [Fact]
    public async Task ChoosesTheSameWords_WhenGivenTheSameView()
    {
        var tasks = Tasks();
        var state = new UserState { Rng = 77 };

        var first = await Turn(DialogueMode.UserOriented, Personas[1], tasks, state);
        var second = await Turn(DialogueMode.UserOriented, Personas[1], tasks, state);

        second.Message.Should().Be(first.Message);
        second.State.Rng.Should().Be(first.State.Rng).And.NotBe(state.Rng);
    }
}
