using Parley.Evaluation;
using Parley.Generation;
using Parley.Mcp;
using Parley.Runs;
using Parley.Serialization;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Mcp;

public sealed class EvaluateOverMcpServerTests(BuiltEnvironments environments) : IDisposable
{
    private readonly TempDirectory _temp = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task ScoresTrialsByTheServersCallsAndStateProbe_WhenTheEnvironmentIsAnMcpServer()
    {
        using var server = new McpEnvironmentServer(environments.Get("library")) { EvaluatorTools = true };
        await using var app = await McpHttpHost.StartAsync(server, "127.0.0.1:0", Ct);
        var run = _temp.Combine("run");
        await Generator.RuleBased.RunAsync(new GenerationOptions { Output = run, Count = 2, FromMcp = McpHttpHost.EndpointOf(app).ToString(), Concurrency = 1, TasksPerDialogue = TaskCountDistribution.Parse("2") }, null, Ct);
        var evaluation = new EvaluationOptions { Output = _temp.Combine("eval"), From = run, Trials = 2, Concurrency = 2 };

        var oracle = await new Evaluator().RunAsync(evaluation, cancellationToken: Ct);

        oracle.TrialsPassed.Should().Be(4);
        var trials = JsonlFile.Read(Path.Combine(evaluation.Output, Evaluator.TrialsFile), EvaluationJsonContext.Default.TrialRecord);
        trials.Should().AllSatisfy(t => t.Dialogue!.Metadata.Verdict!.Checks.Should().Contain(c => c.Name == "state_probe" && c.Passed));
    }
}
