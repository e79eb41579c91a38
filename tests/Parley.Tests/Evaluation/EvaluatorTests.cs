using System.Text.Json;
using Parley.Dialogues;
using Parley.Environments;
using Parley.Evaluation;
using Parley.Llm;
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

    [Fact]
    public async Task RefusesToResume_WithAConflictingFlag_NamingTheRecordedValue_AndAcceptsTheSameValues()
    {
        var options = Options("resumed", AgentUnderTest.ReadOnly);
        await new Evaluator().RunAsync(options, cancellationToken: Ct);
        var before = File.ReadAllBytes(Path.Combine(options.Output, Evaluator.ResultsFile));

        var conflicting = () => new Evaluator().RunAsync(EvaluationOptions.StoredIn(options.Output) with { Trials = 5, Success = SuccessChecks.EndState | SuccessChecks.Grounding }, cancellationToken: Ct);

        var refused = (await conflicting.Should().ThrowAsync<ParleyException>()).Which;
        refused.Kind.Should().Be(ParleyErrorKind.Usage);
        refused.Message.Should().Contain("--trials: the evaluation was started with '3', not '5'").And.Contain("--success: the evaluation was started with 'end-state', not 'end-state,grounding'");
        await new Evaluator().RunAsync(EvaluationOptions.StoredIn(options.Output) with { Trials = 3, Agent = AgentUnderTest.ReadOnly }, cancellationToken: Ct);
        File.ReadAllBytes(Path.Combine(options.Output, Evaluator.ResultsFile)).Should().Equal(before);
    }

    [Fact]
    public async Task FailsATrialWhoseAgentStatesAnUngroundedValue_OnlyWhenGroundingIsASuccessCheck()
    {
        var options = Options("grounded") with { Count = 2, Trials = 1, Success = SuccessChecks.EndState | SuccessChecks.Grounding };
        var results = await new Evaluator().RunAsync(options, cancellationToken: Ct);
        results.TrialsPassed.Should().Be(2, "the oracle states only what its tools returned");
        results.Success.Should().Be("end-state,grounding");
        var trial = JsonlFile.Read(Path.Combine(options.Output, Evaluator.TrialsFile), EvaluationJsonContext.Default.TrialRecord).First();
        var tasks = JsonlFile.Read(Path.Combine(options.Output, "tasks.jsonl"), RunJsonContext.Default.TaskSpec).Where(t => trial.TaskIds.Contains(t.Id)).ToList();
        var tools = DomainCatalog.BuiltIn.Get(trial.Domain).Tools;
        var dialogue = trial.Dialogue! with { Messages = [.. trial.Dialogue!.Messages, new AssistantMessage { Content = "Your refund of $98,765.43 will arrive on 2031-02-17." }] };
        var context = new Parley.Verification.VerificationContext(dialogue, tasks, new Parley.Tools.ToolCatalog(tools));

        var strict = await EvaluationRoles.Verifier(options).VerifyAsync(context, Ct);
        var lenient = await EvaluationRoles.Verifier(options with { Success = SuccessChecks.EndState }).VerifyAsync(context, Ct);

        lenient.Passed.Should().BeTrue();
        strict.Passed.Should().BeFalse();
        strict.Failures.Should().ContainSingle().Which.Should().Contain("98,765.43");
        var attribution = FailureAttribution.Attribute(dialogue with { Metadata = dialogue.Metadata with { Verdict = strict } }, [.. strict.Failures], tasks, tools);
        attribution.Kind.Should().Be(FailureKinds.UngroundedStatement);
        attribution.Detail.Should().Contain("98,765.43");
    }

    [Fact]
    public async Task AttributesWithTheLlmJudge_WhatNoRuleExplains()
    {
        // The judge rejects every trial (so the end state passes and no rule explains the failure), then attributes it.
        await using var server = await OpenAiProtocolServer.StartAsync(request =>
            request.ResponseFormat?.GetProperty("json_schema").GetProperty("name").GetString() == "judge_reply"
                ? ServerReply.Text("""{"reasoning":"r","issues":[{"severity":"critical","description":"The agent was curt."}],"scores":{"user_naturalness":3,"user_rule_adherence":3,"agent_helpfulness":2},"judgment":"invalid"}""")
                : ServerReply.Text("""{"reasoning":"r","kind":"agent.policy_breach","evidence":"The agent skipped the greeting its policy asks for.","message_index":1}"""));
        using var models = LlmSetup.Create(LlmConfig.FromFlags(server.BaseUrl, "m", [LlmRole.Judge]), new LlmSetupOptions { Secrets = new SecretStore(environment: _ => null) });
        var options = Options("judged") with { Domains = ["retail"], Count = 2, Trials = 1, Success = SuccessChecks.EndState | SuccessChecks.Judge, Llm = models };

        var results = await new Evaluator().RunAsync(options, cancellationToken: Ct);

        results.TrialsPassed.Should().Be(0);
        results.Failures.Should().Equal(new Dictionary<string, int> { [FailureKinds.PolicyBreach] = 2 });
        results.AttributedBy.Should().Be("rules+llm:m");
        results.Unattributed.Should().BeNull();
        JsonlFile.Read(Path.Combine(options.Output, Evaluator.TrialsFile), EvaluationJsonContext.Default.TrialRecord)
            .Should().AllSatisfy(t => t.Failure!.Judge.Should().Be("llm:m"));
    }

    [Fact]
    public async Task DrivesAnAgentThatReachesItsToolsOnlyThroughMcp_ToTheSameScores()
    {
        var direct = await new Evaluator().RunAsync(Options("direct") with { Count = 3, Trials = 2 }, cancellationToken: Ct);
        var options = Options("mcp") with { Count = 3, Trials = 2, AgentTools = AgentToolAccess.Mcp };

        var overMcp = await new Evaluator().RunAsync(options, cancellationToken: Ct);

        overMcp.AgentTools.Should().Be("mcp");
        overMcp.TrialsPassed.Should().Be(6).And.Be(direct.TrialsPassed);
        var trials = JsonlFile.Read(Path.Combine(options.Output, Evaluator.TrialsFile), EvaluationJsonContext.Default.TrialRecord);
        trials.SelectMany(t => t.Dialogue!.Messages.OfType<ToolMessage>()).Should().NotBeEmpty();
        var directTrials = JsonlFile.Read(Path.Combine(_temp.Combine("direct"), Evaluator.TrialsFile), EvaluationJsonContext.Default.TrialRecord);
        trials.Select(t => t.Dialogue!.Messages.OfType<AssistantMessage>().SelectMany(m => m.ToolCalls ?? []).Select(c => c.Function.Name + c.Function.Arguments))
            .Should().BeEquivalentTo(directTrials.Select(t => t.Dialogue!.Messages.OfType<AssistantMessage>().SelectMany(m => m.ToolCalls ?? []).Select(c => c.Function.Name + c.Function.Arguments)), o => o.WithStrictOrdering());
    }
}
