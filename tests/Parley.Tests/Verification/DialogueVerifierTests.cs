using Parley.Dialogues;
using Parley.Tests.TestDoubles;
using Parley.Verification;

namespace Parley.Tests.Verification;

public sealed class DialogueVerifierTests(GeneratedRuns runs, BuiltEnvironments environments)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ListsEachCheckAsPassed_WhenDialogueIsValid()
    {
        var context = await VerificationSamples.PassingAsync(runs, environments);

        var verdict = await DialogueVerifier.Default.VerifyAsync(context, Ct);

        verdict.Passed.Should().BeTrue();
        verdict.Failures.Should().BeEmpty();
        verdict.Checks.Select(c => c.Name).Should().Equal(
            new[] { "messages", "tool_calls", "tool_call_ids", "termination" }.Concat(context.Tasks.Select((_, i) => $"end_state[{i}]")).Append("grounding"));
        verdict.Checks.Should().AllSatisfy(c => c.Passed.Should().BeTrue());
        verdict.Should().BeEquivalentTo(context.Dialogue.Metadata.Verdict, "the run recorded the same verdict");
    }

    [Fact]
    public async Task GathersChecksInOrderAndNamesFailures_WhenAnyVerifierFails()
    {
        var context = await VerificationSamples.PassingAsync(runs, environments);
        var first = new FixedVerifier(new CheckResult("a", true));
        var second = new FixedVerifier(new CheckResult("b", false, "broken"), new CheckResult("c", true));

        var verdict = await new DialogueVerifier([first, second]).VerifyAsync(context, Ct);

        verdict.Checks.Select(c => c.Name).Should().Equal("a", "b", "c");
        verdict.Passed.Should().BeFalse();
        verdict.Failures.Should().Equal("b: broken");
        (first.Calls, second.Calls).Should().Be((1, 1));
    }

    [Fact]
    public async Task Fails_WhenEndStateIsWrongThoughStructureIsFine()
    {
        var context = await VerificationSamples.PassingAsync(runs, environments);
        var tampered = context with
        {
            Dialogue = context.Dialogue with { Metadata = context.Dialogue.Metadata with { TaskEndStates = [.. context.Dialogue.Metadata.TaskEndStates.Select(_ => "bad")] } },
        };

        var verdict = await DialogueVerifier.Default.VerifyAsync(tampered, Ct);

        verdict.Passed.Should().BeFalse();
        verdict.Failures.Should().HaveCount(context.Tasks.Count).And.AllSatisfy(f => f.Should().StartWith("end_state["));
    }
}
