using Parley.Reporting;

namespace Parley.Tests.Reporting;

public sealed class DistributionTests
{
    [Fact]
    public void GivesEachValueItsOwnBucket_WhenTheRangeIsSmall()
    {
        var d = Distribution.Histogram("tasks", "Tasks", [("a", [2, 3, 3, 4]), ("b", [4, 4])]);

        d.Buckets.Should().Equal("2", "3", "4");
        d.Series.Select(s => s.Counts).Should().BeEquivalentTo(new[] { new[] { 1, 2, 1 }, new[] { 0, 0, 2 } }, o => o.WithStrictOrdering());
    }

    [Fact]
    public void GroupsIntoEqualRanges_WhenTheRangeIsWide()
    {
        int[] values = [.. Enumerable.Range(10, 100), 10, 109];

        var d = Distribution.Histogram("turns", "Turns", [("a", values)]);

        d.Buckets.Count.Should().BeLessThanOrEqualTo(24);
        d.Buckets[0].Should().Be("10–14");
        d.Series[0].Counts.Sum().Should().Be(values.Length);
        d.Series[0].Counts[0].Should().Be(6, "10 to 14 once each, and 10 again");
    }

    [Fact]
    public void SharesCategoriesAcrossSeries_WhenCountingDomains()
    {
        var d = Distribution.Categories("domains", "Domains", [("a", ["retail", "airline", "retail"]), ("b", ["hotel"])]);

        d.Buckets.Should().Equal("airline", "hotel", "retail");
        d.Series[0].Counts.Should().Equal(1, 0, 2);
        d.Series[1].Counts.Should().Equal(0, 1, 0);
    }
}
