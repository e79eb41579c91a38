using Parley.Environments;
using Parley.Export;
using Parley.Generation;
using Parley.Llm;
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

        public ValueTask<IReadOnlyList<TaskSpec>> PlanAsync(TaskPlanRequest request, CancellationToken cancellationToken = default) =>
            request.DialogueId.EndsWith($"-{index:D6}", StringComparison.Ordinal) ? throw error : _inner.PlanAsync(request, cancellationToken);
    }

    private static Generator With(ITaskPlanner planner) =>
        new(new DialogueGenerator(planner, new AgendaUserSimulator(), new OracleAgent(), DialogueVerifier.Default, RoleEngines.RuleBased),
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
}
