using Parley.Tests.TestDoubles;
using Parley.Verification;

namespace Parley.Tests.Verification;

public sealed class EndStateVerifierTests(GeneratedRuns runs, BuiltEnvironments environments)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static VerificationContext WithEndStates(VerificationContext context, IReadOnlyList<string?> states) =>
        context with { Dialogue = context.Dialogue with { Metadata = context.Dialogue.Metadata with { TaskEndStates = states } } };

    [Fact]
    public async Task PassesOneCheckPerTask_WhenEveryObservedStateIsExpected()
    {
        var context = await VerificationSamples.PassingAsync(runs, environments);

        var checks = await new EndStateVerifier().VerifyAsync(context, Ct);

        checks.Select(c => c.Name).Should().Equal(context.Tasks.Select((_, i) => $"end_state[{i}]"));
        checks.Should().AllSatisfy(c => c.Passed.Should().BeTrue());
    }

    [Fact]
    public async Task FailsThatTask_WhenItsObservedHashDiffers()
    {
        var context = await VerificationSamples.PassingAsync(runs, environments);
        var states = context.Dialogue.Metadata.TaskEndStates.ToArray();
        states[^1] = "0000000000000000ffffffffffffffff";

        var checks = await new EndStateVerifier().VerifyAsync(WithEndStates(context, states), Ct);

        checks[^1].Passed.Should().BeFalse();
        checks[^1].Detail.Should().Contain(context.Tasks[^1].Id).And.Contain("0000000000000000ffffffffffffffff").And.Contain(context.Tasks[^1].ExpectedEndState);
        checks.SkipLast(1).Should().AllSatisfy(c => c.Passed.Should().BeTrue());
    }

    [Fact]
    public async Task FailsAsNeverCompleted_WhenATaskHasNoObservedState()
    {
        var context = await VerificationSamples.PassingAsync(runs, environments);
        var states = context.Dialogue.Metadata.TaskEndStates.ToArray();
        states[0] = null;

        var checks = await new EndStateVerifier().VerifyAsync(WithEndStates(context, states), Ct);

        checks[0].Passed.Should().BeFalse();
        checks[0].Detail.Should().Be($"task {context.Tasks[0].Id} was never completed");
        checks.Skip(1).Should().AllSatisfy(c => c.Passed.Should().BeTrue());
    }

    [Fact]
    public async Task FailsEveryTask_WhenNoStateWasObservedAtAll()
    {
        var context = await VerificationSamples.PassingAsync(runs, environments);

        var checks = await new EndStateVerifier().VerifyAsync(WithEndStates(context, []), Ct);

        checks.Should().HaveCount(context.Tasks.Count).And.AllSatisfy(c => c.Passed.Should().BeFalse());
    }
}
