using Parley.Evaluation;

namespace Parley.Tests.Evaluation;

public sealed class BootstrapTests
{
    private static double Mean(IReadOnlyList<double> xs) => xs.Average();

    [Fact]
    public void BracketsThePoint_AndIsReproducible_WhenTheSeedIsTheSame()
    {
        double[] values = [0, 0, 1, 1, 1, 0.5, 1, 0, 1, 1];

        var first = Bootstrap.Interval(values, Mean, seed: 7);
        var again = Bootstrap.Interval(values, Mean, seed: 7);
        var other = Bootstrap.Interval(values, Mean, seed: 8);

        first.Should().Be(again);
        first.Low.Should().BeLessThan(Mean(values)).And.BeGreaterThanOrEqualTo(0);
        first.High.Should().BeGreaterThan(Mean(values)).And.BeLessThanOrEqualTo(1);
        other.Should().NotBe(first);
    }

    [Fact]
    public void NarrowsAsTasksGrow()
    {
        var few = Enumerable.Range(0, 10).Select(i => i % 2 == 0 ? 1.0 : 0.0).ToList();
        var many = Enumerable.Range(0, 1000).Select(i => i % 2 == 0 ? 1.0 : 0.0).ToList();

        var (fewLow, fewHigh) = Bootstrap.Interval(few, Mean, seed: 1);
        var (manyLow, manyHigh) = Bootstrap.Interval(many, Mean, seed: 1);

        (manyHigh - manyLow).Should().BeLessThan((fewHigh - fewLow) / 3);
        manyLow.Should().BeApproximately(0.5 - 1.96 * 0.5 / Math.Sqrt(1000), 0.01);
    }

    [Fact]
    public void IsThePoint_WhenEveryTaskIsAlike_OrThereIsOne()
    {
        Bootstrap.Interval([1.0, 1.0, 1.0], Mean, seed: 3).Should().Be((1.0, 1.0));
        Bootstrap.Interval([0.25], Mean, seed: 3).Should().Be((0.25, 0.25));
    }
}
