using Parley.Dialogues;
using Parley.Generation;
using Parley.Llm;
using Parley.Runs;

namespace Parley.Tests.Generation;

public sealed class GenerationOverridesTests
{
    private static readonly Func<string, string?> NoVariables = _ => null;

    [Fact]
    public void StartsFromTheDefaults_WhenNothingIsGivenForANewRun()
    {
        using var models = LlmSetup.RuleBased;

        var options = new GenerationOverrides().Resolve(null, models, LlmConfig.RuleBased, NoVariables);

        options.Should().BeEquivalentTo(new GenerationOptions { Output = GenerationOverrides.DefaultOutput, Concurrency = Environment.ProcessorCount, Llm = models });
    }

    [Fact]
    public void ChangesOnlyWhatWasGiven_WhenResumingAStoredRun()
    {
        using var models = LlmSetup.RuleBased;
        var stored = new GenerationOptions
        {
            Output = "runs/a", Count = 40, Seed = 9, Mode = DialogueMode.TaskOriented, Domains = ["retail"], MaxTurns = 30, Scale = 2, Shard = ShardSpec.Parse("1/4"), Resume = true,
        };

        var options = new GenerationOverrides { Count = 80, Domains = ["airline", "retail"], Concurrency = 3 }.Resolve(stored, models, LlmConfig.RuleBased, _ => "0");

        options.Should().BeEquivalentTo(stored with { Count = 80, Domains = ["airline", "retail"], Concurrency = 3, Llm = models });
    }

    [Fact]
    public void ReadsTheModeTaskCountsAndShard_FromTheirText()
    {
        using var models = LlmSetup.RuleBased;

        var options = new GenerationOverrides { Mode = "task-oriented", TasksPerDialogue = "3", Shard = "2/5" }.Resolve(null, models, LlmConfig.RuleBased, NoVariables);

        (options.Mode, options.Shard).Should().Be((DialogueMode.TaskOriented, ShardSpec.Parse("2/5")));
        options.TasksPerDialogue.Should().BeEquivalentTo(TaskCountDistribution.Parse("3"));
    }

    [Fact]
    public void TakesTheShardFromTheEnvironment_OnlyForANewRun()
    {
        using var models = LlmSetup.RuleBased;
        Func<string, string?> variables = name => name == "PARLEY_SHARD" ? "1/2" : null;
        var stored = new GenerationOptions { Output = "runs/a", Resume = true };

        new GenerationOverrides().Resolve(null, models, LlmConfig.RuleBased, variables).Shard.Should().Be(ShardSpec.Parse("1/2"));
        new GenerationOverrides().Resolve(stored, models, LlmConfig.RuleBased, variables).Shard.Should().BeNull();
    }

    [Fact]
    public void RefusesAnUnknownMode_ListingTheModes()
    {
        using var models = LlmSetup.RuleBased;

        FluentActions.Invoking(() => new GenerationOverrides { Mode = "chatty" }.Resolve(null, models, LlmConfig.RuleBased, NoVariables))
            .Should().Throw<ParleyException>().Which.Message.Should().Be("--mode: 'chatty' is not one of user-oriented, task-oriented");
    }
}
