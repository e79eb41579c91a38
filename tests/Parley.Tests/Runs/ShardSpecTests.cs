using Parley.Generation;
using Parley.Runs;

namespace Parley.Tests.Runs;

public sealed class ShardSpecTests
{
    [Theory]
    [InlineData(1, 10)]
    [InlineData(3, 10)]
    [InlineData(3, 2)]
    [InlineData(4, 0)]
    public void SplitsEveryPositionIntoExactlyOneShard(int count, int total)
    {
        var shards = Enumerable.Range(0, count).Select(i => new ShardSpec(i, count)).ToList();

        for (long p = 0; p < total; p++) shards.Count(s => s.Includes(p)).Should().Be(1);
        shards.Sum(s => s.CountOf(total)).Should().Be(total);
        shards.Should().AllSatisfy(s => s.CountOf(total).Should().Be(Enumerable.Range(0, total).Count(p => s.Includes(p))));
    }

    [Theory]
    [InlineData("0/1", 0, 1)]
    [InlineData("2/3", 2, 3)]
    public void ParsesIndexOverCount(string text, int index, int count) => ShardSpec.Parse(text).Should().Be(new ShardSpec(index, count));

    [Theory]
    [InlineData("3/3")]
    [InlineData("-1/3")]
    [InlineData("1/0")]
    [InlineData("1")]
    [InlineData("a/b")]
    public void RejectsWithTheAcceptedForm_WhenMalformed(string text)
    {
        var parse = () => ShardSpec.Parse(text);

        parse.Should().Throw<ParleyException>().Which.Message.Should().Contain("--shard").And.Contain("i/N");
    }

    [Fact]
    public void ReadsAKubernetesIndexedJob()
    {
        var env = new Dictionary<string, string> { ["JOB_COMPLETION_INDEX"] = "2", ["PARLEY_SHARD_COUNT"] = "4" };

        ShardSpec.FromEnvironment(env.GetValueOrDefault).Should().Be(new ShardSpec(2, 4));
    }

    [Fact]
    public void ReadsASlurmArray_CountingFromItsFirstTaskId()
    {
        var env = new Dictionary<string, string> { ["SLURM_ARRAY_TASK_ID"] = "3", ["SLURM_ARRAY_TASK_MIN"] = "1", ["SLURM_ARRAY_TASK_COUNT"] = "3" };

        ShardSpec.FromEnvironment(env.GetValueOrDefault).Should().Be(new ShardSpec(2, 3));
    }

    [Fact]
    public void PrefersParleyShard_AndIsNullWhenNothingIsSet()
    {
        var env = new Dictionary<string, string> { ["PARLEY_SHARD"] = "1/2", ["SLURM_ARRAY_TASK_ID"] = "0", ["SLURM_ARRAY_TASK_COUNT"] = "5" };

        ShardSpec.FromEnvironment(env.GetValueOrDefault).Should().Be(new ShardSpec(1, 2));
        ShardSpec.FromEnvironment(_ => null).Should().BeNull();
    }

    [Fact]
    public void AsksForTheCount_WhenOnlyTheIndexIsSet()
    {
        var env = new Dictionary<string, string> { ["JOB_COMPLETION_INDEX"] = "0" };

        var read = () => ShardSpec.FromEnvironment(env.GetValueOrDefault);

        read.Should().Throw<ParleyException>().Which.Message.Should().Contain("PARLEY_SHARD_COUNT");
    }
}
