using Parley.Dialogues;
using Parley.Environments;
using Parley.Export;
using Parley.Generation;
using Parley.Runs;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Generation;

public sealed partial class GeneratorTests(GeneratedRuns runs) : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static byte[] Bytes(GeneratedRun run, string file) => File.ReadAllBytes(run.PathOf(file));

    [Theory]
    [InlineData(DialogueMode.UserOriented)]
    [InlineData(DialogueMode.TaskOriented)]
    public async Task KeepsAlmostEveryDialogue_AndAccountsForEachAttempt(DialogueMode mode)
    {
        var run = await runs.RetailAsync(mode: mode);

        run.Manifest.Attempted.Should().Be(GeneratedRuns.Count);
        (run.Manifest.Kept + run.Manifest.Rejected).Should().Be(GeneratedRuns.Count);
        run.Manifest.Kept.Should().BeGreaterThanOrEqualTo((int)Math.Ceiling(GeneratedRuns.Count * 0.95));
        run.Manifest.Paused.Should().Be(0);
        run.Lines(OutputDirectory.DialoguesFile).Should().HaveCount(run.Manifest.Kept);
        run.Lines(OutputDirectory.RejectedFile).Should().HaveCount(run.Manifest.Rejected);
        var ids = run.Dialogues.Select(d => d.Id).Concat(run.Rejected.Select(r => r.Id));
        ids.Should().BeEquivalentTo(Enumerable.Range(0, GeneratedRuns.Count).Select(i => Parley.Determinism.StableSeed.DialogueId(7, i, taskOriented: mode == DialogueMode.TaskOriented)));
        run.Dialogues.Select(d => d.Id).Should().OnlyHaveUniqueItems();
        run.Dialogues.Should().AllSatisfy(d => d.Metadata.Mode.Should().Be(mode));
        run.Manifest.Environments.Should().Equal("retail");
        File.Exists(run.EnvironmentPath("retail")).Should().BeTrue();
    }

    [Theory]
    [InlineData(DialogueMode.UserOriented)]
    [InlineData(DialogueMode.TaskOriented)]
    public async Task KeepsOnlyWellFormedDialogues(DialogueMode mode)
    {
        var run = await runs.RetailAsync(mode: mode);
        var tasks = run.Tasks.ToLookup(t => t.DialogueId);

        foreach (var dialogue in run.Dialogues)
        {
            var messages = dialogue.Messages;
            messages[0].Should().BeOfType<SystemMessage>();
            messages.Skip(1).Should().NotContain(m => m is SystemMessage);
            messages[1].Should().BeOfType<UserMessage>();
            messages[^1].Should().BeOfType<AssistantMessage>().Which.Content.Should().NotBeNullOrWhiteSpace();
            var calls = messages.OfType<AssistantMessage>().SelectMany(m => m.ToolCalls ?? []).Select(c => c.Id).ToList();
            var answers = messages.OfType<ToolMessage>().Select(t => t.ToolCallId).ToList();
            calls.Should().OnlyHaveUniqueItems();
            answers.Should().BeEquivalentTo(calls, "each tool_call_id is answered exactly once");
            for (var i = 0; i < messages.Count; i++)
            {
                if (messages[i] is AssistantMessage { ToolCalls: { Count: > 0 } made })
                {
                    messages.Skip(i + 1).Take(made.Count).Should().AllBeOfType<ToolMessage>();
                }
            }
            dialogue.Metadata.Termination.Should().Be(TerminationReason.UserEnded);
            dialogue.Metadata.Verdict!.Passed.Should().BeTrue();
            dialogue.Metadata.Counts.Should().Be(DialogueCounts.Of(messages, tasks[dialogue.Id].Count(), tasks[dialogue.Id].Count()));
            dialogue.Metadata.Tasks.Should().Equal(tasks[dialogue.Id].Select(t => t.Id));
            dialogue.Metadata.TaskEndStates.Should().Equal(tasks[dialogue.Id].Select(t => t.ExpectedEndState));
            dialogue.Tools.Select(t => t.Function.Name).Should().Contain("find_customer_by_email");
        }
    }

    [Fact]
    public async Task WritesByteIdenticalFiles_WhenSeedIsTheSame()
    {
        var shared = await runs.RetailAsync();

        var again = await GeneratedRuns.RunAsync(new GenerationOptions { Output = _temp.Combine("again"), Count = GeneratedRuns.Count, Domains = ["retail"], Seed = 7, Parallelism = 2 }, Ct);

        foreach (var file in new[] { OutputDirectory.DialoguesFile, OutputDirectory.TasksFile, OutputDirectory.ManifestFile, OutputDirectory.RejectedFile })
        {
            Bytes(again, file).Should().Equal(Bytes(shared, file), file);
        }
        File.ReadAllBytes(again.EnvironmentPath("retail")).Should().Equal(File.ReadAllBytes(shared.EnvironmentPath("retail")));
    }

    [Fact]
    public async Task WritesDifferentDialogues_WhenSeedDiffers()
    {
        var seven = await runs.RetailAsync(seed: 7);
        var eight = await runs.RetailAsync(seed: 8);

        Bytes(eight, OutputDirectory.DialoguesFile).Should().NotEqual(Bytes(seven, OutputDirectory.DialoguesFile));
        eight.Dialogues.Select(d => d.Id).Should().NotIntersectWith(seven.Dialogues.Select(d => d.Id));
        eight.Dialogues.Select(d => d.Messages[1].Content).Should().NotEqual(seven.Dialogues.Select(d => d.Messages[1].Content));
    }

    [Fact]
    public async Task WritesSameFiles_WhateverTheConcurrency()
    {
        var one = await runs.RetailAsync(parallelism: 1);
        var four = await runs.RetailAsync(parallelism: 4);
        var more = await runs.RetailAsync(parallelism: 64); // more in flight than there are dialogues

        foreach (var file in new[] { OutputDirectory.DialoguesFile, OutputDirectory.TasksFile, OutputDirectory.ManifestFile })
        {
            Bytes(four, file).Should().Equal(Bytes(one, file), file);
            Bytes(more, file).Should().Equal(Bytes(one, file), file);
        }
    }

    [Fact]
    public async Task ReportsEveryDialogueInIndexOrder_WithCountsThatAddUp()
    {
        var progress = new CollectingProgress<GenerationProgress>();

        await Generator.RuleBased.RunAsync(new GenerationOptions { Output = _temp.Combine("progress"), Count = 12, Domains = ["retail"], Seed = 4, Concurrency = 3, MaxTurns = 30 }, progress, Ct);

        progress.Reports.Select(p => p.Done).Should().Equal(Enumerable.Range(1, 12).Select(i => (long)i));
        progress.Reports.Select(p => p.LatestIndex!.Value).Should().Equal(Enumerable.Range(0, 12).Select(i => (long)i));
        progress.Reports.Should().AllSatisfy(p =>
        {
            p.Total.Should().Be(12);
            (p.Kept + p.Rejected).Should().Be(p.Done);
            p.InFlight.Should().BeInRange(0, 3, "at most the concurrency is worked on");
            (p.Done + p.Waiting + p.InFlight).Should().BeLessThanOrEqualTo(12);
            p.Errors.Values.Sum().Should().BeGreaterThanOrEqualTo((int)p.Rejected);
            p.Usage.Should().BeNull("rule-based roles call no model");
        });
        progress.Reports[^1].Rejected.Should().BeGreaterThan(0, "the short turn limit fails some dialogues");
    }

    [Fact]
    public async Task HasUserSpeakMuchMore_WhenUserOrientedInsteadOfTaskOriented()
    {
        var user = await runs.RetailAsync(mode: DialogueMode.UserOriented);
        var task = await runs.RetailAsync(mode: DialogueMode.TaskOriented);

        var userMessages = user.Dialogues.Sum(d => d.Metadata.Counts.UserMessages);
        var taskMessages = task.Dialogues.Sum(d => d.Metadata.Counts.UserMessages);

        userMessages.Should().BeGreaterThanOrEqualTo(2 * taskMessages);
        // Ids differ by mode (two runs of one seed never share an id); the plans are the same.
        user.Tasks.Select(t => (t.Index, t.Goal)).Should().Equal(task.Tasks.Select(t => (t.Index, t.Goal)), "the mode changes the conversation, not the plan");
        user.Tasks.Select(t => t.Id).Should().NotIntersectWith(task.Tasks.Select(t => t.Id));
    }

    [Fact]
    public async Task GivesEachDialogueTheRequestedTaskCount_WhenDistributionIsFixed()
    {
        var run = await GeneratedRuns.RunAsync(new GenerationOptions
        {
            Output = _temp.Combine("one-task"),
            Count = 10,
            Domains = ["retail"],
            Seed = 3,
            TasksPerDialogue = TaskCountDistribution.Parse("1"),
        }, Ct);

        run.Manifest.Config["tasks_per_dialogue"].Should().Be("1:1");
        run.Dialogues.Should().AllSatisfy(d => d.Metadata.Counts.Tasks.Should().Be(1));
        run.Tasks.Should().HaveCount(10);
    }

    [Fact]
    public async Task RejectsWithReasons_WhenTurnLimitCutsDialoguesShort()
    {
        var run = await GeneratedRuns.RunAsync(new GenerationOptions { Output = _temp.Combine("short"), Count = 5, Domains = ["retail"], Seed = 7, MaxTurns = 4 }, Ct);

        run.Manifest.Kept.Should().Be(0);
        run.Manifest.Rejected.Should().Be(5);
        run.Manifest.RejectionsByCheck.Should().ContainKey("termination").WhoseValue.Should().Be(5);
        run.Lines(OutputDirectory.DialoguesFile).Should().BeEmpty();
        run.Rejected.Should().HaveCount(5).And.AllSatisfy(r =>
        {
            r.Reasons.Should().Contain("termination: ended with MaxTurns");
            r.Dialogue.Should().NotBeNull();
            r.Dialogue!.Metadata.Termination.Should().Be(TerminationReason.MaxTurns);
            r.Dialogue.Messages.Should().HaveCount(5, "the system prompt and four turns");
            r.Dialogue.Metadata.Verdict!.Passed.Should().BeFalse();
        });
    }

    [Fact]
    public async Task RecordsPlanningFailures_AsRejectionsWithoutAConversation()
    {
        foreach (var (file, text) in TinyDomain.Files()) _temp.Write(Path.Combine("no_scenarios", file), text!);

        var run = await GeneratedRuns.RunAsync(new GenerationOptions { Output = _temp.Combine("unplannable"), From = _temp.Combine("no_scenarios"), Count = 3 }, Ct);

        run.Manifest.Kept.Should().Be(0);
        run.Manifest.Rejected.Should().Be(3);
        run.Manifest.RejectionsByCheck.Should().Equal(new Dictionary<string, int> { ["planning"] = 3 });
        run.Lines(OutputDirectory.TasksFile).Should().BeEmpty();
        run.Rejected.Should().AllSatisfy(r =>
        {
            r.Reasons.Should().Equal("planning: no feasible task in environment 'no_scenarios': it declares no scenarios");
            r.Dialogue.Should().BeNull();
        });
    }

    [Fact]
    public async Task WritesEmptyRun_WhenCountIsZero()
    {
        var run = await GeneratedRuns.RunAsync(new GenerationOptions { Output = _temp.Combine("empty"), Count = 0, Domains = ["retail"] }, Ct);

        run.Manifest.Attempted.Should().Be(0);
        run.Manifest.Yield.Should().Be(0);
        run.Lines(OutputDirectory.DialoguesFile).Should().BeEmpty();
        run.Lines(OutputDirectory.TasksFile).Should().BeEmpty();
    }

    [Fact]
    public async Task CyclesThroughEveryBuiltInDomain_WhenNoDomainIsNamed()
    {
        var names = DomainCatalog.BuiltIn.Names;
        var progress = new CollectingProgress<GenerationProgress>();

        var run = await Generator.RuleBased.RunAsync(new GenerationOptions { Output = _temp.Combine("all"), Count = names.Count * 2, Seed = 5 }, progress, Ct);

        run.Environments.Should().Equal(names);
        run.Kept.Should().BeGreaterThanOrEqualTo(names.Count * 2 - 1);
        progress.Reports.Select(o => o.LatestIndex!.Value).Should().Equal(Enumerable.Range(0, names.Count * 2).Select(i => (long)i));
        var dialogues = new GeneratedRun(_temp.Combine("all"), run).Dialogues;
        dialogues.Should().AllSatisfy(d => d.Metadata.Domain.Should().Be(names[(int)(d.Metadata.Index % names.Count)]));
        Directory.GetFiles(_temp.Combine("all", OutputDirectory.EnvironmentsFolder)).Select(Path.GetFileNameWithoutExtension).Should().BeEquivalentTo(names);
    }

    [Fact]
    public async Task ListsEveryProblem_WhenOptionsAreInvalid()
    {
        var options = new GenerationOptions { Output = _temp.Combine("bad"), Count = -1, Scale = 0, MaxTurns = 3, PauseAfter = 0, Parallelism = 0 };

        var run = () => Generator.RuleBased.RunAsync(options, null, Ct);

        var error = (await run.Should().ThrowAsync<ParleyException>()).Which;
        error.Code.Should().Be("invalid_option");
        error.Message.Should().Contain("-n must be zero or more").And.Contain("--scale").And.Contain("--max-turns")
            .And.Contain("--pause-after").And.Contain("--concurrency");
        Directory.Exists(options.Output).Should().BeFalse("nothing is written for invalid options");
    }

    [Fact]
    public async Task ThrowsUnknownDomain_WhenADomainIsNotInTheCatalog()
    {
        var run = () => Generator.RuleBased.RunAsync(new GenerationOptions { Output = _temp.Combine("nope"), Count = 1, Domains = ["atlantis"] }, null, Ct);

        (await run.Should().ThrowAsync<ParleyException>()).Which.Code.Should().Be("unknown_domain");
    }
}
