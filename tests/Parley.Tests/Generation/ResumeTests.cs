using Parley.Export;
using Parley.Generation;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Generation;

/// <summary>Interrupted runs (cancelled, torn, cut short) resumed to the same bytes as the uninterrupted run of the same seed.</summary>
public sealed class ResumeTests(GeneratedRuns runs) : IDisposable
{
    private static readonly string[] RunFiles = [OutputDirectory.DialoguesFile, OutputDirectory.TasksFile, OutputDirectory.RejectedFile, OutputDirectory.ManifestFile];
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static GenerationOptions Options(string output) => new() { Output = output, Count = GeneratedRuns.Count, Domains = ["retail"], Seed = 7, Concurrency = 2 };

    /// <summary>Runs until <paramref name="after"/> dialogues are written, then cancels, as Ctrl-C does.</summary>
    private static async Task<string> InterruptedAsync(string output, int after)
    {
        using var stop = new CancellationTokenSource();
        var progress = new CallbackProgress<GenerationProgress>(p =>
        {
            if (p.Done >= after) stop.Cancel();
        });
        var run = () => Generator.RuleBased.RunAsync(Options(output), progress, stop.Token);
        await run.Should().ThrowAsync<OperationCanceledException>();
        return output;
    }

    private static async Task ShouldEqualAsync(string folder, GeneratedRun reference)
    {
        var resumed = await Generator.RuleBased.RunAsync(Options(folder) with { Resume = true }, null, Ct);

        resumed.Should().BeEquivalentTo(reference.Manifest);
        foreach (var file in RunFiles)
        {
            File.ReadAllBytes(Path.Combine(folder, file)).Should().Equal(File.ReadAllBytes(reference.PathOf(file)), file);
        }
    }

    [Fact]
    public async Task LeavesConsistentFilesAndAnInterruptedManifest_WhenCancelled()
    {
        var folder = await InterruptedAsync(_temp.Combine("cancelled"), after: 5);

        var manifest = File.ReadAllText(Path.Combine(folder, OutputDirectory.ManifestFile));
        manifest.Should().Contain("\"interrupted\": true");
        var written = File.ReadAllLines(Path.Combine(folder, OutputDirectory.DialoguesFile)).Length + File.ReadAllLines(Path.Combine(folder, OutputDirectory.RejectedFile)).Length;
        written.Should().BeInRange(5, GeneratedRuns.Count - 1);
        File.ReadAllText(Path.Combine(folder, OutputDirectory.DialoguesFile)).Should().EndWith("\n");
    }

    [Fact]
    public async Task ContinuesToTheSameBytes_WhenResumedAfterCancellation()
    {
        var reference = await runs.RetailAsync();

        var folder = await InterruptedAsync(_temp.Combine("resumed"), after: 7);

        await ShouldEqualAsync(folder, reference);
    }

    [Fact]
    public async Task CutsOffATornLastLine_WhenResuming()
    {
        var reference = await runs.RetailAsync();
        var folder = await InterruptedAsync(_temp.Combine("torn"), after: 4);
        var next = File.ReadLines(reference.DialoguesPath).Skip(File.ReadAllLines(Path.Combine(folder, OutputDirectory.DialoguesFile)).Length).First();
        File.AppendAllText(Path.Combine(folder, OutputDirectory.DialoguesFile), next[..(next.Length / 2)]);
        File.AppendAllText(Path.Combine(folder, OutputDirectory.TasksFile), "{\"schema_version\":1,\"id\":\"dlg-");

        await ShouldEqualAsync(folder, reference);
    }

    [Fact]
    public async Task RegeneratesWhatTheFilesLost_WhenAFileIsShorterThanTheLedgerRecords()
    {
        var reference = await runs.RetailAsync();
        var folder = _temp.Combine("cut");
        await Generator.RuleBased.RunAsync(Options(folder), null, Ct);
        var dialogues = Path.Combine(folder, OutputDirectory.DialoguesFile);
        using (var file = new FileStream(dialogues, FileMode.Open)) file.SetLength(file.Length / 2);

        await ShouldEqualAsync(folder, reference);
    }

    [Fact]
    public async Task DoesNothingMore_WhenTheRunIsAlreadyComplete()
    {
        var reference = await runs.RetailAsync();
        var folder = _temp.Combine("complete");
        await Generator.RuleBased.RunAsync(Options(folder), null, Ct);
        var progress = new CollectingProgress<GenerationProgress>();

        await Generator.RuleBased.RunAsync(Options(folder) with { Resume = true }, progress, Ct);

        progress.Reports.Should().BeEmpty();
        await ShouldEqualAsync(folder, reference);
    }

    [Fact]
    public async Task RefusesConflictingOptions_NamingEach()
    {
        var folder = await InterruptedAsync(_temp.Combine("conflict"), after: 3);

        var resume = () => Generator.RuleBased.RunAsync(Options(folder) with { Resume = true, Seed = 8, MaxTurns = 50 }, null, Ct);

        var error = (await resume.Should().ThrowAsync<ParleyException>()).Which;
        error.Code.Should().Be("invalid_option");
        error.Message.Should().Contain("--seed: the run was started with '7', not '8'").And.Contain("--max-turns");
    }

    [Fact]
    public async Task ReadsTheStoredOptions_SoOnlyTheFolderIsNeeded()
    {
        var folder = await InterruptedAsync(_temp.Combine("stored"), after: 3);

        var stored = GenerationOptions.StoredIn(folder);

        stored.Should().BeEquivalentTo(Options(folder) with { Resume = true }, o => o.Excluding(x => x.Concurrency).Excluding(x => x.Parallelism));
    }

    [Fact]
    public async Task ThrowsNotFound_WhenTheFolderHasNoLedger()
    {
        var resume = () => Generator.RuleBased.RunAsync(Options(_temp.Combine("nothing")) with { Resume = true }, null, Ct);

        (await resume.Should().ThrowAsync<ParleyException>()).Which.Code.Should().Be("not_found");
    }
}
