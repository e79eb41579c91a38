using Parley.Statistics;

namespace Parley.Tests.Statistics;

public sealed class HistogramTests
{
    [Fact]
    public void UsesUnitBuckets_IncludingEmptyOnes_WhenTheRangeIsSmall()
    {
        var histogram = Histogram.Of([5, 1, 2, 1]);

        histogram.Buckets.Should().Equal(new HistogramBucket(1, 1, 2), new HistogramBucket(2, 2, 1), new HistogramBucket(3, 3, 0), new HistogramBucket(4, 4, 0), new HistogramBucket(5, 5, 1));
        histogram.Count.Should().Be(4);
        histogram.Summary.Should().Be(new Summary(2.25, 1.5, 1, 5));
    }

    [Fact]
    public void WidensBuckets_ToAtMostTheLimit()
    {
        var histogram = Histogram.Of(Enumerable.Range(0, 100));

        histogram.Buckets.Should().HaveCount(20).And.OnlyContain(b => b.Count == 5 && b.High - b.Low == 4);
        histogram.Buckets[0].Should().Be(new HistogramBucket(0, 4, 5));
    }

    [Fact]
    public void AlignsBucketsToMultiplesOfANiceWidth()
    {
        var histogram = Histogram.Of([13, 47, 250], maxBuckets: 10);

        histogram.Buckets.Select(b => (b.Low, b.High, b.Count)).Should().Equal((0, 49, 2), (50, 99, 0), (100, 149, 0), (150, 199, 0), (200, 249, 0), (250, 299, 1));
    }

    [Fact]
    public void HasNoBuckets_WhenThereAreNoValues()
    {
        var histogram = Histogram.Of([]);

        histogram.Buckets.Should().BeEmpty();
        histogram.Count.Should().Be(0);
    }

    [Fact]
    public void PutsEveryValueInExactlyOneBucket()
    {
        var values = Enumerable.Range(0, 500).Select(i => (i * 7919) % 3001 + 40).ToList();

        var histogram = Histogram.Of(values);

        histogram.Buckets.Sum(b => b.Count).Should().Be(values.Count);
        histogram.Buckets.Zip(histogram.Buckets.Skip(1)).Should().OnlyContain(p => p.Second.Low == p.First.High + 1);
        foreach (var bucket in histogram.Buckets) bucket.Count.Should().Be(values.Count(v => v >= bucket.Low && v <= bucket.High));
    }
}
