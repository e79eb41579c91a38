using System.Text.Json;
using Parley.Determinism;
using Parley.Dialogues;
using Parley.Generation;
using Parley.Runs;
using Parley.Serialization;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Generation;

public sealed class DialogueGeneratorTests(GeneratedRuns runs, BuiltEnvironments environments)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(0)]
    [InlineData(17)]
    public async Task RegeneratesOneDialogueAlone_ExactlyAsTheRunDid(int index)
    {
        var run = await runs.RetailAsync();
        var options = new GenerationOptions { Output = "unused", Seed = 7 };

        var outcome = await DialogueGenerator.RuleBased.GenerateAsync(environments.Retail, index, StableSeed.DialogueId(7, index),
            StableSeed.Derive(7, "dialogue", index), DialogueMode.UserOriented, TaskCountDistribution.Default, options, Ct);

        outcome.Kept.Should().BeTrue(string.Join("; ", outcome.Problems));
        JsonSerializer.Serialize(outcome.Dialogue!, DialogueJsonContext.Relaxed.Dialogue)
            .Should().Be(run.Lines(Parley.Runs.OutputDirectory.DialoguesFile).Single(l => l.Contains($"\"index\":{index},", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ReportsPlanningProblem_WhenEnvironmentHasNoScenarios()
    {
        using var tiny = TinyDomain.Build();

        var outcome = await DialogueGenerator.RuleBased.GenerateAsync(tiny, 0, "dlg-x", 1, DialogueMode.UserOriented, TaskCountDistribution.Default,
            new GenerationOptions { Output = "unused" }, Ct);

        outcome.Kept.Should().BeFalse();
        outcome.Dialogue.Should().BeNull();
        outcome.Problems.Should().ContainSingle().Which.Should().Be(new Problem(new CheckName(CheckKind.Planning), "no feasible task in environment 'tiny': it declares no scenarios"));
    }

    [Fact]
    public void NamesTheEngineOfEveryRole()
    {
        DialogueGenerator.RuleBased.Engines.ToDictionary().Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["environment_designer"] = "catalog",
            ["task_planner"] = "scenario",
            ["user_simulator"] = "agenda",
            ["agent"] = "oracle",
            ["judge"] = "none",
        });
    }
}
