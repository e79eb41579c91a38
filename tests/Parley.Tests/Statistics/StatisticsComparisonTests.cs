using Parley.Dialogues;
using Parley.Statistics;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Statistics;

public sealed class StatisticsComparisonTests(GeneratedRuns runs)
{
    [Fact]
    public async Task PutsModesSideBySide_WithTheRatioOfTheFirstToTheSecond()
    {
        var user = DatasetStatistics.Load((await runs.RetailAsync()).Folder);
        var task = DatasetStatistics.Load((await runs.RetailAsync(mode: DialogueMode.TaskOriented)).Folder);

        var comparison = StatisticsComparison.Of([("u", user), ("t", task)]);

        comparison.Columns.Should().Equal("user-oriented", "task-oriented");
        comparison.Rows.Select(r => r.Metric).Should().Equal(StatisticsComparison.Metrics);
        var userMessages = comparison.Rows.Single(r => r.Metric == "user_messages");
        userMessages.Values.Should().Equal(user.Groups[0].UserTurns.Mean, task.Groups[0].UserTurns.Mean);
        userMessages.Ratio.Should().Be(Math.Round(user.Groups[0].UserTurns.Mean / task.Groups[0].UserTurns.Mean, 2)).And.BeGreaterThan(1);
        comparison.Rows.Single(r => r.Metric == "tokens").Values.Should().Equal(user.Groups[0].Tokens.Mean, task.Groups[0].Tokens.Mean);
    }

    [Fact]
    public async Task NamesColumnsByRun_WhenTwoRunsShareAMode()
    {
        var stats = DatasetStatistics.Load((await runs.RetailAsync()).Folder);

        var comparison = StatisticsComparison.Of([("first", stats), ("second", stats)]);

        comparison.Columns.Should().Equal("first: user-oriented", "second: user-oriented");
        comparison.Rows.Should().OnlyContain(r => r.Ratio == null || r.Ratio == 1);
    }

    [Fact]
    public async Task HasNoRatio_WithOneColumn()
    {
        var stats = DatasetStatistics.Load((await runs.RetailAsync()).Folder);

        StatisticsComparison.Of([("only", stats)]).Rows.Should().OnlyContain(r => r.Ratio == null && r.Values.Count == 1);
    }
}
