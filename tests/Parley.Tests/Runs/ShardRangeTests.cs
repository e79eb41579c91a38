using Parley.Generation;
using Parley.Runs;

namespace Parley.Tests.Runs;

public sealed class ShardRangeTests
{
    [Theory]
    [InlineData("", 0, 0, 1, "")]
    [InlineData("0/1", 0, 0, 1, "")]
    [InlineData("2/3", 2, 2, 3, "2/3")]
    [InlineData("1-3/5", 1, 3, 5, "1-3/5")]
    [InlineData("0-4/5", 0, 4, 5, "")]
    public void ReadsTheLedgersShard_AndStoresAWholeRunAsEmpty(string stored, int first, int last, int count, string again)
    {
        var range = ShardRange.Parse(stored, "run");

        range.Should().Be(new ShardRange(first, last, count));
        range.Stored.Should().Be(again);
    }

    [Theory]
    [InlineData("3/3")]
    [InlineData("2-1/3")]
    [InlineData("1-3/3")]
    [InlineData("1-2-3/4")]
    [InlineData("x/2")]
    public void RejectsNamingTheLedger_WhenMalformed(string stored)
    {
        var parse = () => ShardRange.Parse(stored, "run");

        parse.Should().Throw<ParleyException>().Which.Message.Should().Contain("ledger.db").And.Contain("a-b/N");
    }

    [Theory]
    [InlineData(7, 10)]
    [InlineData(4, 3)]
    public void CountsTheItemsOfEachShardInTheRange(int count, int total)
    {
        var range = new ShardRange(1, 2, count);

        range.CountOf(total).Should().Be(Enumerable.Range(0, total).Count(p => p % count is 1 or 2));
    }

    [Fact]
    public void GroupsConsecutiveShardsIntoRanges() =>
        ShardRange.Runs([0, 1, 2, 5, 7, 8], 10).Select(r => r.ToString()).Should().Equal("0-2/10", "5/10", "7-8/10");

    [Fact]
    public void ResumesASingleShard_ButRefusesARangeAsNothingToDo()
    {
        new ShardRange(2, 2, 4).ToResumable("run").Should().Be(new ShardSpec(2, 4));

        var resume = () => new ShardRange(1, 2, 4).ToResumable("run");

        resume.Should().Throw<ParleyException>().Which.Message.Should().Contain("nothing to resume").And.Contain("shard(s) 0/4, 3/4");
    }
}
