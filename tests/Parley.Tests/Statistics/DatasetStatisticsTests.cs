using Parley.Dialogues;
using Parley.Statistics;
using Parley.Tests.TestDoubles;
using static Parley.Tests.TestDoubles.DialogueBuilder;

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
    public void BuildsDistributionsCoverageErrorsAndTerminations_FromHandBuiltDialogues()
    {
        var kept = new[]
        {
            Of("a", [User("one"), Say("ok")], tasks: 1),
            Of("b", [User("one"), Call("1", "t"), Error("1", "t"), Call("2", "t"), Result("2", "t"), Say("ok"), User("two"), Say("ok")], tasks: 2, tools: ["t", "u"]),
            Of("c", [User("one"), Say("ok"), User("two"), Say("ok"), User("three"), Say("ok")], tasks: 2, tools: ["t", "u"]),
        };
        var rejected = new[] { Of("r", [User("x")], termination: TerminationReason.MaxTurns, passed: false) };

        var stats = DatasetStatistics.Of(kept, rejected);

        stats.Distributions.Keys.Should().Equal(DatasetStatistics.DistributionNames);
        stats.Distributions["user_turns"].Buckets.Select(b => (b.Low, b.Count)).Should().Equal((1, 1), (2, 1), (3, 1));
        stats.Distributions["tool_calls"].Buckets.Select(b => (b.Low, b.Count)).Should().Equal((0, 2), (1, 0), (2, 1));
        stats.Distributions["tasks"].Summary.Mean.Should().Be(1.67);
        stats.Distributions["turns"].Count.Should().Be(3, "rejected dialogues are not in the distributions");
        var tokens = kept.Select(DialogueTokenCounter.O200kBase.Count).ToList();
        stats.Distributions["tokens"].Summary.Should().Be(Summary.Of(tokens));
        stats.Groups[0].Tokens.Should().Be(Summary.Of(tokens));
        stats.Coverage.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Domain = "retail", Declared = 2, Used = 1 });
        (stats.Errors.Errors, stats.Errors.Recovered).Should().Be((1, 1));
        stats.Terminations.Should().Equal(new Dictionary<string, int> { ["user_ended"] = 3, ["max_turns"] = 1 });
    }

    [Fact]
    public void Throws_WhenFolderIsNotARun()
    {
        using var temp = new TempDirectory();

        var load = () => DatasetStatistics.Load(temp.Path);

        load.Should().Throw<ParleyException>().WithMessage("*is this a run folder?*");
    }
}
