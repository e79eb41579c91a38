using Parley.Determinism;

namespace Parley.Tests.Determinism;

public sealed class SeededRandomTests
{
    [Fact]
    public void ContinuesTheSameSequence_WhenRebuiltFromItsState()
    {
        var original = new SeededRandom(123);
        original.NextUInt64();
        original.NextUInt64();

        var resumed = new SeededRandom(original.State);

        Enumerable.Range(0, 5).Select(_ => resumed.NextUInt64()).Should().Equal(Enumerable.Range(0, 5).Select(_ => original.NextUInt64()));
    }

    [Fact]
    public void StaysWithinBounds_AndNeverPicksAZeroWeight()
    {
        var rng = new SeededRandom(9);

        for (var i = 0; i < 1000; i++)
        {
            rng.NextInRange(-2, 2).Should().BeInRange(-2, 2);
            rng.Next(7).Should().BeInRange(0, 6);
            rng.NextDouble().Should().BeInRange(0, 1).And.BeLessThan(1);
            rng.PickWeighted([0, 1, 0, 2]).Should().BeOneOf(1, 3);
        }
        rng.Chance(0).Should().BeFalse();
    }
}
