using Parley.Determinism;
using Parley.Generation;

namespace Parley.Tests.Generation;

public sealed class TaskCountDistributionTests
{
    [Fact]
    public void AlwaysGivesN_WhenTextIsOneNumber()
    {
        var d = TaskCountDistribution.Parse("3");

        d.Counts.Should().Equal(3);
        d.Weights.Should().Equal(1.0);
        d.Mean.Should().Be(3);
        var rng = new SeededRandom(1);
        Enumerable.Range(0, 20).Select(_ => d.Sample(rng)).Should().AllBeEquivalentTo(3);
    }

    [Fact]
    public void GivesUniformRange_WhenTextIsMinDashMax()
    {
        var d = TaskCountDistribution.Parse(" 1-4 ");

        d.Counts.Should().Equal(1, 2, 3, 4);
        d.Weights.Should().Equal(1.0, 1.0, 1.0, 1.0);
        d.Mean.Should().Be(2.5);
        var rng = new SeededRandom(9);
        Enumerable.Range(0, 400).Select(_ => d.Sample(rng)).Distinct().Should().BeEquivalentTo([1, 2, 3, 4]);
    }

    [Fact]
    public void GivesWeightedCounts_WhenTextListsCountWeightPairs()
    {
        var d = TaskCountDistribution.Parse("2:0.3,3:0.7");

        d.Counts.Should().Equal(2, 3);
        d.Weights.Should().Equal(0.3, 0.7);
        d.Mean.Should().BeApproximately(2.7, 1e-9);
        var rng = new SeededRandom(4);
        var draws = Enumerable.Range(0, 2000).Select(_ => d.Sample(rng)).ToList();
        draws.Count(c => c == 3).Should().BeInRange(1250, 1550);
    }

    [Fact]
    public void IsTwoToFourByDefault() => TaskCountDistribution.Default.Counts.Should().Equal(2, 3, 4);

    [Theory]
    [InlineData("3")]
    [InlineData("1-4")]
    [InlineData("1:0.2,2:0.3,3:0.3,4:0.2")]
    public void ParsesItsOwnText_IntoTheSameDistribution(string text)
    {
        var d = TaskCountDistribution.Parse(text);

        var again = TaskCountDistribution.Parse(d.ToString());

        again.Counts.Should().Equal(d.Counts);
        again.Weights.Should().Equal(d.Weights);
    }

    [Theory]
    [InlineData("x")]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("21")]
    [InlineData("-3")]
    [InlineData("4-1")]
    [InlineData("1-")]
    [InlineData("1-30")]
    [InlineData("2:abc")]
    [InlineData("2:")]
    [InlineData("2:-1")]
    [InlineData("2:0,3:0")]
    [InlineData("0:1")]
    [InlineData("3,")]
    [InlineData("99999999999")]
    public void NamesTheOption_WhenTextIsNotADistribution(string text)
    {
        var parse = () => TaskCountDistribution.Parse(text);

        parse.Should().Throw<ParleyException>()
            .Which.Should().Match<ParleyException>(e => e.Code == "invalid_option" && e.Message.StartsWith("--tasks-per-dialogue: ", StringComparison.Ordinal)
                && e.Message.Contains("N, MIN-MAX or N:WEIGHT,N:WEIGHT"));
    }

    [Theory]
    [InlineData("1-2-3")]
    [InlineData("2:0.5:9")]
    public void Rejects_WhenTextHasExtraSeparators(string text)
    {
        var parse = () => TaskCountDistribution.Parse(text);

        parse.Should().Throw<ParleyException>().WithMessage("--tasks-per-dialogue:*");
    }
}
