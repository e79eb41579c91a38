using Parley.Dialogues;
using Parley.Generation;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Generation;

public sealed partial class GeneratorTests
{
    [Fact]
    public async Task MakesOneToolCallPerMessage_AndRecordsIt_WhenParallelCallsAreOff()
    {
        // Task-oriented users ask for everything at once, so the oracle batches independent look-ups unless told not to.
        var batched = await runs.RetailAsync(mode: DialogueMode.TaskOriented);
        var options = new GenerationOptions
        {
            Output = _temp.Combine("single"), Count = GeneratedRuns.Count, Domains = ["retail"], Seed = 7,
            Mode = DialogueMode.TaskOriented, Parallelism = 2, ParallelToolCalls = false,
        };

        var single = await GeneratedRuns.RunAsync(options, Ct);

        Parallel(batched).Should().BePositive();
        Parallel(single).Should().Be(0);
        single.Manifest.Kept.Should().Be(batched.Manifest.Kept);
        single.Manifest.Config.Should().Contain("parallel_tool_calls", "false");
        GenerationOptions.StoredIn(single.Folder).ParallelToolCalls.Should().BeFalse("--resume keeps one call per message");
        GenerationOptions.StoredIn(batched.Folder).ParallelToolCalls.Should().BeTrue();
        (options with { ParallelToolCalls = true }).ConflictsWith(options.ToStored()).Should().ContainSingle()
            .Which.Should().StartWith("--no-parallel-calls: the run was started with 'true'");

        static int Parallel(GeneratedRun run) => run.Dialogues.SelectMany(d => d.Messages).Count(m => m is AssistantMessage { ToolCalls.Count: > 1 });
    }
}
