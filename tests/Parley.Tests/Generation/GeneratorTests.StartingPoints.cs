using System.Text.Json;
using Parley.Dialogues;
using Parley.Environments;
using Parley.Export;
using Parley.Generation;
using Parley.Runs;
using Parley.Serialization;
using Parley.Tests.TestDoubles;
using Parley.Tools;

namespace Parley.Tests.Generation;

/// <summary>Plug-and-play: runs that start from any stage's artifact.</summary>
public sealed partial class GeneratorTests
{
    private Task<GeneratedRun> From(string from, string name, int? count = null, ulong seed = 7, int? pauseAfter = null) =>
        GeneratedRuns.RunAsync(new GenerationOptions { Output = _temp.Combine(name), From = from, Count = count, Seed = seed, PauseAfter = pauseAfter }, Ct);

    [Fact]
    public async Task ReproducesTheRun_WhenStartingFromItsTasksFile()
    {
        var original = await runs.RetailAsync();

        var run = await From(original.TasksPath, "from-tasks");

        run.Manifest.Attempted.Should().Be(GeneratedRuns.Count, "every dialogue's task group becomes one dialogue");
        run.Manifest.Config["from"].Should().Be("tasks.jsonl");
        Bytes(run, OutputDirectory.TasksFile).Should().Equal(Bytes(original, OutputDirectory.TasksFile));
        Bytes(run, OutputDirectory.DialoguesFile).Should().Equal(Bytes(original, OutputDirectory.DialoguesFile));
    }

    [Fact]
    public async Task SimulatesNewConversationsForTheSameTasks_WhenStartingFromTasksWithAnotherSeed()
    {
        var original = await runs.RetailAsync();

        var run = await From(original.TasksPath, "from-tasks-new-seed", seed: 99);

        run.Manifest.Kept.Should().BeGreaterThanOrEqualTo(GeneratedRuns.Count - 1);
        run.Dialogues.Select(d => d.Id).Should().BeSubsetOf(original.Dialogues.Select(d => d.Id));
        run.Dialogues.Select(d => d.Metadata.Persona).Should().NotEqual(original.Dialogues.Select(d => d.Metadata.Persona));
        run.Dialogues.Should().AllSatisfy(d => d.Metadata.TaskEndStates.Should().Equal(original.TasksOf(d.Id).Select(t => t.ExpectedEndState)));
    }

    [Fact]
    public async Task ReproducesTheRun_WhenStartingFromItsEnvironmentFile()
    {
        var original = await runs.RetailAsync();

        var run = await From(original.EnvironmentPath("retail"), "from-env", GeneratedRuns.Count);

        run.Manifest.Environments.Should().Equal("retail");
        Bytes(run, OutputDirectory.DialoguesFile).Should().Equal(Bytes(original, OutputDirectory.DialoguesFile));
    }

    [Fact]
    public async Task UsesTheRunsEnvironments_WhenStartingFromARunFolder()
    {
        var original = await runs.RetailAsync();

        var run = await From(original.Folder, "from-folder", 4);

        run.Manifest.Environments.Should().Equal("retail");
        run.Manifest.Kept.Should().BeGreaterThanOrEqualTo(3);
    }

    [Theory]
    [InlineData("domains.txt", "# the shop only\nretail   # trailing comment\n\nretail\n")]
    [InlineData("domains.json", "[\"retail\"]")]
    public async Task ReproducesTheRun_WhenStartingFromAListOfDomainNames(string file, string content)
    {
        var original = await runs.RetailAsync();
        var list = _temp.Write(file, content);

        var run = await From(list, "from-list-" + file, GeneratedRuns.Count);

        run.Manifest.Environments.Should().Equal("retail");
        Bytes(run, OutputDirectory.DialoguesFile).Should().Equal(Bytes(original, OutputDirectory.DialoguesFile));
    }

    [Fact]
    public async Task GeneratesInYourOwnDomain_WhenStartingFromADomainFolder()
    {
        var assembly = typeof(DomainCatalog).Assembly;
        foreach (var file in new[] { "domain.yaml", "schema.sql", "seed.yaml", "tools.yaml", "scenarios.yaml", "policy.md" })
        {
            using var stream = assembly.GetManifestResourceStream($"Parley.Domains/retail/{file}")!;
            using var reader = new StreamReader(stream);
            _temp.Write(Path.Combine("shop", file), reader.ReadToEnd());
        }

        var run = await From(_temp.Combine("shop"), "from-domain-folder", 10);

        run.Manifest.Environments.Should().Equal("shop");
        run.Manifest.Kept.Should().BeGreaterThanOrEqualTo(9);
        run.Dialogues.Should().AllSatisfy(d =>
        {
            d.Metadata.Domain.Should().Be("shop");
            d.Metadata.EnvironmentId.Should().Be("shop");
        });
        File.Exists(run.EnvironmentPath("shop")).Should().BeTrue();
    }

    [Fact]
    public async Task FinishesPausedDialoguesExactlyAsAnUninterruptedRun_WhenContinuingFromStates()
    {
        var original = await runs.RetailAsync();
        var paused = await runs.RetailAsync(pauseAfter: 6);
        paused.Manifest.Paused.Should().Be(GeneratedRuns.Count);
        paused.Lines(OutputDirectory.DialoguesFile).Should().BeEmpty();
        paused.States.Should().AllSatisfy(s => s.Messages.Count.Should().Be(7, "the system prompt and six turns"));

        var run = await From(paused.StatesPath, "continued");

        run.Manifest.Kept.Should().Be(GeneratedRuns.Count);
        run.Manifest.Rejected.Should().Be(0);
        run.Dialogues.Should().AllSatisfy(d => d.Metadata.Verdict!.Passed.Should().BeTrue());
        var expected = original.Dialogues.ToDictionary(d => d.Id);
        foreach (var dialogue in run.Dialogues)
        {
            Json(dialogue.Messages).Should().Be(Json(expected[dialogue.Id].Messages), dialogue.Id);
            dialogue.Metadata.TaskEndStates.Should().Equal(expected[dialogue.Id].Metadata.TaskEndStates);
        }
        Bytes(run, OutputDirectory.DialoguesFile).Should().Equal(Bytes(original, OutputDirectory.DialoguesFile));
    }

    [Fact]
    public async Task FinishesExactly_WhenPausedTwice()
    {
        var original = await runs.RetailAsync();
        var first = await runs.RetailAsync(pauseAfter: 6);

        var second = await From(first.StatesPath, "paused-again", pauseAfter: 20);
        var final = await From(second.StatesPath, "finished");

        second.Manifest.Paused.Should().Be(second.States.Count);
        second.States.Should().AllSatisfy(s => s.Messages.Count.Should().Be(21));
        (second.Manifest.Paused + second.Manifest.Kept + second.Manifest.Rejected).Should().Be(GeneratedRuns.Count);
        var finished = final.Dialogues.Concat(second.Dialogues).ToDictionary(d => d.Id);
        finished.Should().HaveCount(GeneratedRuns.Count);
        foreach (var dialogue in original.Dialogues)
        {
            Json(finished[dialogue.Id].Messages).Should().Be(Json(dialogue.Messages), dialogue.Id);
        }
    }

    [Fact]
    public async Task RefusesStates_WhenARecordedWriteResultDoesNotReplay()
    {
        var paused = await GeneratedRuns.RunAsync(new GenerationOptions { Output = _temp.Combine("deep-pause"), Count = 10, Domains = ["retail"], Seed = 7, PauseAfter = 40 }, Ct);
        var tools = DomainCatalog.BuiltIn.Get("retail").Tools.ToDictionary(t => t.Name);
        var states = paused.States.ToList();
        var target = states.FindIndex(s => s.Messages.OfType<ToolMessage>().Any(m => tools[m.Name].Access == ToolAccess.Write && !m.Content!.StartsWith("{\"error\"", StringComparison.Ordinal)));
        target.Should().BeGreaterThanOrEqualTo(0, "some paused dialogue has already made a change");
        var state = states[target];
        var write = state.Messages.OfType<ToolMessage>().First(m => tools[m.Name].Access == ToolAccess.Write);
        states[target] = state with { Messages = [.. state.Messages.Select(m => ReferenceEquals(m, write) ? write with { Content = "{\"status\":\"tampered\"}" } : m)] };
        var tampered = _temp.Combine("tampered", "states.jsonl");
        Directory.CreateDirectory(Path.GetDirectoryName(tampered)!);
        JsonlFile.Write(tampered, states, RunJsonContext.Default.GenerationState);

        var run = () => From(tampered, "from-tampered");

        var error = (await run.Should().ThrowAsync<ParleyException>()).Which;
        error.Message.Should().Contain(state.DialogueId).And.Contain(write.ToolCallId).And.Contain(write.Name)
            .And.Contain("gave a different result than recorded");
    }

    [Fact]
    public async Task Refuses_WhenStartingFromFinishedDialogues()
    {
        var original = await runs.RetailAsync();

        var run = () => From(original.DialoguesPath, "from-dialogues");

        (await run.Should().ThrowAsync<ParleyException>()).Which.Message.Should()
            .Contain("finished dialogues cannot be continued").And.Contain("--pause-after");
    }

    [Fact]
    public async Task ReportsMissingEnvironment_WhenTasksNameOneThatCannotBeFound()
    {
        var original = await runs.RetailAsync();
        var tasks = _temp.Write(Path.Combine("lonely", "tasks.jsonl"),
            File.ReadAllText(original.TasksPath).Replace("\"environment_id\":\"retail\"", "\"environment_id\":\"atlantis\"", StringComparison.Ordinal));

        var run = () => From(tasks, "from-lonely-tasks");

        (await run.Should().ThrowAsync<ParleyException>()).Which.Message.Should()
            .Contain("environment 'atlantis' is neither in environments/ beside the file nor a built-in domain").And.Contain("tasks.jsonl");
    }

    [Fact]
    public async Task ReportsValidationError_WhenFromDoesNotExist()
    {
        var missing = _temp.Combine("no-such-file.jsonl");

        var run = () => From(missing, "from-nothing");

        var error = (await run.Should().ThrowAsync<ParleyException>()).Which;
        error.Code.Should().Be("invalid_option");
        error.Message.Should().Contain($"--from: '{missing}' does not exist");
    }

    private static string Json(IReadOnlyList<Message> messages) => JsonSerializer.Serialize(
        new Dialogue { Id = "x", Messages = messages, Tools = [], Metadata = Placeholder }, DialogueJsonContext.Default.Dialogue);

    private static readonly DialogueMetadata Placeholder = new()
    {
        EnvironmentId = "", Domain = "", Mode = DialogueMode.UserOriented, Seed = 0, Index = 0, Tasks = [],
        Engines = new Dictionary<string, string>(), Termination = TerminationReason.InProgress, Counts = new DialogueCounts(0, 0, 0, 0, 0, 0, 0),
    };
}
