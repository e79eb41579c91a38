using Parley.Design;
using Parley.Environments;
using Parley.Export;
using Parley.Generation;
using Parley.Llm;
using Parley.Runs;
using Parley.Simulation;
using Parley.Tasks;
using Parley.Tests.TestDoubles;
using Parley.Verification;

namespace Parley.Tests.Generation;

/// <summary>How the staged pipeline behaves when a role fails: handled model failures reject, bugs stop the run.</summary>
public sealed class GenerationPipelineTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>The scenario planner, except that it throws <paramref name="error"/> for the dialogue at <paramref name="index"/>.</summary>
    private sealed class FailingPlanner(long index, Exception error) : ITaskPlanner
    {
        private readonly ScenarioTaskPlanner _inner = new();

        public ValueTask<TaskPlan> PlanAsync(TaskPlanRequest request, CancellationToken cancellationToken = default) =>
            request.DialogueId.EndsWith($"-{index:D6}", StringComparison.Ordinal) ? throw error : _inner.PlanAsync(request, cancellationToken);
    }

    /// <summary>The scenario planner, except that the dialogue at <paramref name="index"/> waits for <see cref="Release"/>; counts the others planned.</summary>
    private sealed class HoldingPlanner(long index) : ITaskPlanner
    {
        private readonly ScenarioTaskPlanner _inner = new();
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _others;

        public int Others => Volatile.Read(ref _others);

        public void Release() => _release.TrySetResult();

        public async ValueTask<TaskPlan> PlanAsync(TaskPlanRequest request, CancellationToken cancellationToken = default)
        {
            if (request.DialogueId.EndsWith($"-{index:D6}", StringComparison.Ordinal)) await _release.Task.WaitAsync(cancellationToken);
            else Interlocked.Increment(ref _others);
            return await _inner.PlanAsync(request, cancellationToken);
        }
    }

    /// <summary>The oracle agent, except that its <paramref name="failingCall"/>-th turn (counted over the run) throws.</summary>
    private sealed class FailingAgent(int failingCall) : IAgent
    {
        private readonly OracleAgent _inner = new();
        private int _calls;

        public ValueTask<AgentTurn> NextTurnAsync(AgentView view, CancellationToken cancellationToken = default) =>
            Interlocked.Increment(ref _calls) == failingCall ? throw new InvalidOperationException("agent bug") : _inner.NextTurnAsync(view, cancellationToken);
    }

    private static Generator With(ITaskPlanner planner, IAgent? agent = null) =>
        new(new DialogueGenerator(planner, new AgendaUserSimulator(), agent ?? new OracleAgent(), DialogueVerifier.Default, RoleEngines.RuleBased),
            new CatalogEnvironmentDesigner(DomainCatalog.BuiltIn), DomainCatalog.BuiltIn);

    private GenerationOptions Options(string name) => new() { Output = _temp.Combine(name), Count = 40, Domains = ["retail"], Seed = 2, Concurrency = 2 };

    [Fact]
    public async Task RejectsTheDialogueWithTheFailureKind_WhenAModelCallFails()
    {
        var generator = With(new FailingPlanner(3, new LlmException(LlmFailureKind.RateLimited, "429 after 5 retries")));

        var manifest = await generator.RunAsync(Options("llm"), null, Ct);

        manifest.Attempted.Should().Be(40);
        manifest.RejectionsByCheck.Should().ContainKey("llm").WhoseValue.Should().Be(1);
        var rejected = new GeneratedRun(_temp.Combine("llm"), manifest).Rejected.Single(r => r.Reasons.Any(x => x.StartsWith("llm:", StringComparison.Ordinal)));
        rejected.Reasons.Should().Equal("llm: rate_limited: 429 after 5 retries");
        rejected.Id.Should().Be(Parley.Determinism.StableSeed.DialogueId(2, 3));
    }

    [Fact]
    public async Task StopsTheRunWithTheError_WhenARoleHasABug_LeavingItResumable()
    {
        var generator = With(new FailingPlanner(1, new InvalidOperationException("planner bug")));

        var run = () => generator.RunAsync(Options("bug"), null, Ct).WaitAsync(TimeSpan.FromMinutes(2), Ct);

        (await run.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Be("planner bug");
        var written = File.ReadAllLines(_temp.Combine("bug", OutputDirectory.DialoguesFile)).Length + File.ReadAllLines(_temp.Combine("bug", OutputDirectory.RejectedFile)).Length;
        written.Should().BeLessThanOrEqualTo(1, "nothing past the failing dialogue can be written in order");
        var resumed = await Generator.RuleBased.RunAsync(Options("bug") with { Resume = true }, null, Ct);
        resumed.Attempted.Should().Be(40);
    }

    [Fact]
    public async Task ReportsTheFailingStagesOwnError_NotWhatTheStopCausedInTheOtherStages()
    {
        var generator = With(new ScenarioTaskPlanner(), new FailingAgent(60));

        var run = () => generator.RunAsync(Options("agent-bug") with { Concurrency = 8 }, null, Ct).WaitAsync(TimeSpan.FromMinutes(2), Ct);

        (await run.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Be("agent bug");
        var resumed = await Generator.RuleBased.RunAsync(Options("agent-bug") with { Resume = true, Concurrency = 8 }, null, Ct);
        resumed.Attempted.Should().Be(40);
    }

    [Fact]
    public async Task KeepsGenerating_WhileAnEarlierDialogueIsSlow_AndStillWritesInIndexOrder()
    {
        var planner = new HoldingPlanner(0);
        var run = With(planner).RunAsync(Options("held"), null, Ct);

        // Every other dialogue is generated while the first is held (the writer waits; the stages do not), far more than
        // the 2 in flight: before the reorder buffer, generation stopped once twice the concurrency waited to be written.
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (planner.Others < 39 && DateTime.UtcNow < deadline) await Task.Delay(20, Ct);
        planner.Others.Should().Be(39);
        File.ReadAllText(_temp.Combine("held", OutputDirectory.DialoguesFile)).Should().BeEmpty("nothing may be written before the first dialogue");

        planner.Release();
        await run;
        await Generator.RuleBased.RunAsync(Options("plain"), null, Ct);
        foreach (var file in new[] { OutputDirectory.DialoguesFile, OutputDirectory.RejectedFile, OutputDirectory.TasksFile })
        {
            File.ReadAllBytes(_temp.Combine("held", file)).Should().Equal(File.ReadAllBytes(_temp.Combine("plain", file)), file);
        }
        File.Exists(_temp.Combine("held", ".reorder.spill")).Should().BeFalse();
    }
}
