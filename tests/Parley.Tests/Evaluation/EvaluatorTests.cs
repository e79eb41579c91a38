using System.Text.Json;
using Parley.Evaluation;
using Parley.Runs;
using Parley.Serialization;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Evaluation;

public sealed class EvaluatorTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _temp.Dispose();

    private EvaluationOptions Options(string name, AgentUnderTest agent = AgentUnderTest.Oracle, int concurrency = 2) => new()
    {
        Output = _temp.Combine(name),
        Domains = ["retail", "library"],
        Count = 6,
        Trials = 3,
        Agent = agent,
        Concurrency = concurrency,
    };

    [Fact]
    public async Task PassesEveryTrialOfTheOracle_AndRecordsTheHeldOutTasks()
    {
        var options = Options("oracle");

        var results = await new Evaluator().RunAsync(options, cancellationToken: Ct);

        results.Tasks.Should().Be(6);
        results.TrialsPassed.Should().Be(18);
        results.PassHatK.Keys.Should().Equal("1", "2", "3");
        results.PassHatK.Values.Should().AllSatisfy(v => v.Value.Should().Be(1));
        results.ByDomain.Keys.Should().Equal("library", "retail");
        var trials = JsonlFile.Read(Path.Combine(options.Output, Evaluator.TrialsFile), EvaluationJsonContext.Default.TrialRecord);
        trials.Should().HaveCount(18).And.AllSatisfy(t => t.Dialogue.Should().NotBeNull());
        trials.Select(t => t.Trial).Should().Equal(Enumerable.Range(0, 6).SelectMany(_ => new[] { 0, 1, 2 }));
        var tasks = JsonlFile.Read(Path.Combine(options.Output, "tasks.jsonl"), RunJsonContext.Default.TaskSpec);
        HeldOutTasks.Load(options.Output).Tasks.Select(t => t.Id).Should().Equal(tasks.Select(t => t.Id));
    }

    [Fact]
    public async Task ScoresTheReadOnlyBaselineLower_AndBlamesItsMissingWrites()
    {
        var oracle = await new Evaluator().RunAsync(Options("oracle"), cancellationToken: Ct);
        var weak = await new Evaluator().RunAsync(Options("weak", AgentUnderTest.ReadOnly), cancellationToken: Ct);

        weak.PassHatK["1"].Value.Should().BeLessThan(oracle.PassHatK["1"].Value - 0.5);
        weak.Failures.Keys.Should().Equal(FailureKinds.MissingWrite);
        weak.PerTask.Where(t => t.Successes < t.Trials).Should().AllSatisfy(t => t.FailedSubRequests.Should().NotBeEmpty());
        weak.PassHatK.Values.Select(v => v.Value).Should().BeInDescendingOrder();
        weak.PassHatK.Values.Should().AllSatisfy(v => v.Ci95[0].Should().BeLessThanOrEqualTo(v.Value));
        weak.PassHatK.Values.Select(v => v.Ci95[1]).Should().BeInDescendingOrder("every k uses the same resamples");
    }

    [Fact]
    public async Task WritesTheSameBytes_WhateverTheConcurrency()
    {
        var one = Options("one", AgentUnderTest.ReadOnly, concurrency: 1);
        var four = Options("four", AgentUnderTest.ReadOnly, concurrency: 4);

        await new Evaluator().RunAsync(one, cancellationToken: Ct);
        await new Evaluator().RunAsync(four, cancellationToken: Ct);

        foreach (var file in new[] { Evaluator.ResultsFile, Evaluator.TrialsFile, "tasks.jsonl", HeldOutTasks.FileName })
        {
            File.ReadAllBytes(Path.Combine(four.Output, file)).Should().Equal(File.ReadAllBytes(Path.Combine(one.Output, file)), file);
        }
    }

    [Fact]
    public async Task ResumesAnInterruptedEvaluation_ToTheSameBytes()
    {
        var whole = Options("whole", AgentUnderTest.ReadOnly);
        await new Evaluator().RunAsync(whole, cancellationToken: Ct);
        var cut = Options("cut", AgentUnderTest.ReadOnly);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var interrupted = () => new Evaluator().RunAsync(cut, new CallbackProgress<Parley.Generation.GenerationProgress>(p => { if (p.Done >= 5) stop.Cancel(); }), stop.Token);

        await interrupted.Should().ThrowAsync<OperationCanceledException>();
        File.Exists(Path.Combine(cut.Output, Evaluator.ResultsFile)).Should().BeFalse();
        await new Evaluator().RunAsync(EvaluationOptions.StoredIn(cut.Output) with { Concurrency = 2 }, cancellationToken: Ct);
        foreach (var file in new[] { Evaluator.ResultsFile, Evaluator.TrialsFile })
        {
            File.ReadAllBytes(Path.Combine(cut.Output, file)).Should().Equal(File.ReadAllBytes(Path.Combine(whole.Output, file)), file);
        }
    }

    [Fact]
    public async Task EvaluatesTheTasksOfARun_WhenGivenItsFolder()
    {
        var first = Options("first");
        await new Evaluator().RunAsync(first, cancellationToken: Ct);

        var again = await new Evaluator().RunAsync(new EvaluationOptions { Output = _temp.Combine("again"), From = first.Output, Count = 2 }, cancellationToken: Ct);

        again.Tasks.Should().Be(2);
        using var stored = JsonDocument.Parse(File.ReadAllText(_temp.Combine("again", Evaluator.ResultsFile)));
        stored.RootElement.GetProperty("per_task").EnumerateArray().Select(t => t.GetProperty("task").GetString())
            .Should().Equal(JsonlFile.Read(Path.Combine(first.Output, "tasks.jsonl"), RunJsonContext.Default.TaskSpec).Select(t => t.DialogueId).Distinct().Take(2));
    }
}
