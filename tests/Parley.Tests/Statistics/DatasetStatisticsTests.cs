using Parley.Dialogues;
using Parley.Statistics;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Statistics;

public sealed class DatasetStatisticsTests(GeneratedRuns runs)
{
    [Fact]
    public async Task SummarisesPerModeAndDomain_CountingRejectedDialogues()
    {
        var user = await runs.RetailAsync();
        var task = await runs.RetailAsync(mode: DialogueMode.TaskOriented);
        var rejected = task.Dialogues.Take(3).ToList();

        var stats = DatasetStatistics.Of([.. user.Dialogues, .. task.Dialogues.Skip(3)], rejected);

        stats.Groups.Select(g => (g.Mode, g.Domain)).Should().Equal(("user-oriented", "all"), ("user-oriented", "retail"), ("task-oriented", "all"), ("task-oriented", "retail"));
        stats.Groups[0].Dialogues.Should().Be(user.Dialogues.Count);
        stats.Groups[0].PassRate.Should().Be(1);
        stats.Groups[2].Dialogues.Should().Be(task.Dialogues.Count);
        stats.Groups[2].PassRate.Should().BeApproximately((task.Dialogues.Count - 3.0) / task.Dialogues.Count, 1e-3);
        stats.Groups[0].UserTurns.Mean.Should().BeGreaterThan(stats.Groups[2].UserTurns.Mean);
    }

    [Fact]
    public void Throws_WhenFolderIsNotARun()
    {
        using var temp = new TempDirectory();

        var load = () => DatasetStatistics.Load(temp.Path);

        load.Should().Throw<ParleyException>().WithMessage("*is this a run folder?*");
    }
}
