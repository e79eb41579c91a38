using Parley.Dialogues;
using Parley.Export;
using Parley.Runs;
using Parley.Serialization;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Export;

public sealed class RunFilterTests(GeneratedRuns runs) : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task WritesTheKeptAndTheDroppedWithReasons_WhenFilteringARun()
    {
        var run = await runs.RetailAsync();
        var target = _temp.Combine("filtered");

        var outcome = RunFilter.Write(run.Folder, new DialogueFilter { ToolCalls = (0, 3) }, target, TestContext.Current.CancellationToken);

        var kept = JsonlFile.Read(Path.Combine(target, OutputDirectory.DialoguesFile), DialogueJsonContext.Default.Dialogue);
        var dropped = JsonlFile.Read(Path.Combine(target, RunFilter.DroppedFile), RunJsonContext.Default.RejectedDialogue);
        (outcome.Kept, outcome.Dropped).Should().Be((kept.Count, dropped.Count));
        kept.Select(d => d.Id).Should().Equal(run.Dialogues.Where(d => d.Metadata.Counts.ToolCalls <= 3).Select(d => d.Id));
        dropped.Should().OnlyContain(d => d.Reasons.Count == 1 && d.Reasons[0].Contains("tool calls, outside 0–3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RefusesADomainNotInTheRun_InsteadOfKeepingNothing()
    {
        var run = await runs.RetailAsync();
        var target = _temp.Combine("filtered");

        var refused = FluentActions.Invoking(() => RunFilter.Write(run.Folder, new DialogueFilter { Domains = ["retial"] }, target, TestContext.Current.CancellationToken))
            .Should().Throw<ParleyException>().Which;

        refused.Kind.Should().Be(ParleyErrorKind.Usage);
        refused.Message.Should().Be($"--domains: 'retial' is not a domain of the dialogues in {run.Folder} (retail)");
        Directory.Exists(target).Should().BeFalse("nothing is written when a criterion is bad");
    }

    [Fact]
    public async Task RefusesToWriteIntoARunFolder_WhoseDialoguesItWouldReplace()
    {
        var run = await runs.RetailAsync();
        var before = await File.ReadAllBytesAsync(run.DialoguesPath, TestContext.Current.CancellationToken);

        FluentActions.Invoking(() => RunFilter.Write(run.Folder, new DialogueFilter(), run.Folder, TestContext.Current.CancellationToken))
            .Should().Throw<ParleyException>().Which.Kind.Should().Be(ParleyErrorKind.RunFolderConflict);
        (await File.ReadAllBytesAsync(run.DialoguesPath, TestContext.Current.CancellationToken)).Should().Equal(before);
    }

    [Fact]
    public async Task RefusesATargetInsideARun_WhileAnotherCommandHoldsItsLock()
    {
        var run = await GeneratedRuns.RunAsync(new Parley.Generation.GenerationOptions { Output = _temp.Combine("run"), Count = 4, Domains = ["retail"] }, TestContext.Current.CancellationToken);
        var target = Path.Combine(run.Folder, "filtered");

        using (RunFolderLock.Acquire(run.Folder))
        {
            FluentActions.Invoking(() => RunFilter.Write(run.Folder, new DialogueFilter(), target, TestContext.Current.CancellationToken))
                .Should().Throw<ParleyException>().Which.Kind.Should().Be(ParleyErrorKind.RunFolderConflict);
        }
        RunFilter.Write(run.Folder, new DialogueFilter(), target, TestContext.Current.CancellationToken).Kept.Should().Be(run.Manifest.Kept);
    }

    [Fact]
    public async Task WritesWhatTheFilterOverTheWholeRunInMemoryGives_WithRejectedAndDeduplication()
    {
        var all = (await runs.AllDomainsAsync(count: 60)).Dialogues;
        var rejected = all.Take(15).Select(d => new RejectedDialogue(d.Id, ["judge: invented a refund"], d)).ToList();
        var run = RunFolders.Write(_temp.Combine("run"), all.Skip(15), [.. rejected, new RejectedDialogue("no-dialogue", ["design failed"], null)]);
        var filter = new DialogueFilter { PassedOnly = false, ToolCalls = (2, int.MaxValue), Deduplicate = new Parley.Quality.DeduplicationOptions { By = Parley.Quality.DuplicateSignal.Tools, Threshold = 0.6 } };
        var target = _temp.Combine("filtered");

        var outcome = RunFilter.Write(run, filter, target, TestContext.Current.CancellationToken);

        var expected = filter.Apply([.. all.Skip(15), .. rejected.Select(r => r.Dialogue!)]);
        var kept = JsonlFile.Read(Path.Combine(target, OutputDirectory.DialoguesFile), DialogueJsonContext.Default.Dialogue);
        var dropped = JsonlFile.Read(Path.Combine(target, RunFilter.DroppedFile), RunJsonContext.Default.RejectedDialogue);
        kept.Select(d => d.Id).Should().Equal(expected.Where(x => x.Reasons.Count == 0).Select(x => x.Dialogue.Id));
        dropped.Select(d => (d.Id, string.Join("; ", d.Reasons))).Should().Equal(expected.Where(x => x.Reasons.Count > 0).Select(x => (x.Dialogue.Id, string.Join("; ", x.Reasons))));
        dropped.Should().Contain(d => d.Reasons[0].StartsWith("near_duplicate_of:", StringComparison.Ordinal), "the fixture has near-duplicates by tools");
        (outcome.Kept, outcome.Dropped).Should().Be((kept.Count, dropped.Count));
    }
}
