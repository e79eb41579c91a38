using Parley.Evaluation;

namespace Parley.Tests.Evaluation;

public sealed class PassHatKTests
{
    [Theory]
    [InlineData(3, 4, 1, 0.75)]       // 3/4
    [InlineData(3, 4, 2, 0.5)]        // C(3,2)/C(4,2) = 3/6
    [InlineData(3, 4, 3, 0.25)]       // C(3,3)/C(4,3) = 1/4
    [InlineData(3, 4, 4, 0.0)]        // fewer successes than k
    [InlineData(4, 4, 4, 1.0)]
    [InlineData(2, 5, 2, 0.1)]        // C(2,2)/C(5,2) = 1/10
    [InlineData(7, 10, 3, 35.0 / 120)] // C(7,3)/C(10,3)
    [InlineData(0, 3, 1, 0.0)]
    public void EqualsTheRatioOfBinomials_ForOneTask(int successes, int trials, int k, double expected) =>
        PassHatK.OfTask(successes, trials, k).Should().BeApproximately(expected, 1e-12);

    [Fact]
    public void AveragesOverTasks_AndNeverIncreasesWithK()
    {
        TaskTally[] tasks = [new(3, 4), new(4, 4), new(0, 4)];

        // Hand-computed: k=1 (0.75+1+0)/3, k=2 (0.5+1+0)/3, k=3 (0.25+1+0)/3, k=4 (0+1+0)/3.
        var curve = Enumerable.Range(1, 4).Select(k => PassHatK.Of(tasks, k)).ToList();

        curve.Should().Equal([1.75 / 3, 1.5 / 3, 1.25 / 3, 1.0 / 3], (a, b) => Math.Abs(a - b) < 1e-12);
        curve.Should().BeInDescendingOrder();
    }

    [Fact]
    public void IsZero_WhenThereIsNoTask() => PassHatK.Of([], 1).Should().Be(0);

    [Theory]
    [InlineData(1, 2, 3)]
    [InlineData(5, 4, 1)]
    [InlineData(1, 2, 0)]
    public void Refuses_WhenTheCountsAreImpossible(int successes, int trials, int k) =>
        FluentActions.Invoking(() => PassHatK.OfTask(successes, trials, k)).Should().Throw<ArgumentOutOfRangeException>();
}
