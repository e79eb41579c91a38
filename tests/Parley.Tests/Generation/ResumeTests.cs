using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Parley.Export;
using Parley.Generation;
using Parley.Runs;
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

    private static GenerationOptions FromOptions(string output, string from) => Options(output) with { Domains = [], From = from };

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>Runs until <paramref name="after"/> dialogues are written, then cancels, as Ctrl-C does.</summary>
    private static async Task<string> InterruptedAsync(string output, int after, GenerationOptions? options = null)
    {
        using var stop = new CancellationTokenSource();
        var progress = new CallbackProgress<GenerationProgress>(p =>
        {
            if (p.Done >= after) stop.Cancel();
        });
        var run = () => Generator.RuleBased.RunAsync(options ?? Options(output), progress, stop.Token);
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

        stored.Should().BeEquivalentTo(Options(folder) with { Resume = true }, o => o.Excluding(x => x.Concurrency).Excluding(x => x.Parallelism).Excluding(x => x.StoredModels));
        stored.StoredModels.Should().NotBeNull("the models (here every role rule-based) are recorded too, so a resume needs no model flag");
    }

    [Fact]
    public async Task RefusesNamingTheFile_WhenTheFromArtifactChangedSinceTheRunStarted()
    {
        var list = _temp.Write("domains.txt", "retail\n");
        var folder = _temp.Combine("from-changed");
        await Generator.RuleBased.RunAsync(FromOptions(folder, list), null, Ct);
        File.WriteAllText(list, "library\n");

        var resume = () => Generator.RuleBased.RunAsync(FromOptions(folder, list) with { Resume = true }, null, Ct);

        var error = (await resume.Should().ThrowAsync<ParleyException>()).Which;
        error.Code.Should().Be("invalid_option");
        error.Message.Should().StartWith($"--from: '{list}' changed since the run started (sha256 {Sha256("retail\n")[..12]}… then, {Sha256("library\n")[..12]}… now)");
    }

    [Fact]
    public async Task Resumes_WhenTheFromArtifactWasRewrittenWithTheSameContent()
    {
        var list = _temp.Write("domains.txt", "retail\n");
        var folder = await InterruptedAsync(_temp.Combine("from-rewritten"), after: 3, FromOptions(_temp.Combine("from-rewritten"), list));
        File.WriteAllText(list, "retail\n");

        var resumed = await Generator.RuleBased.RunAsync(GenerationOptions.StoredIn(folder), null, Ct);

        resumed.Attempted.Should().Be(GeneratedRuns.Count);
    }

    [Fact]
    public async Task ResumesWithoutComparing_WhenTheLedgerPredatesContentHashes()
    {
        var list = _temp.Write("domains.txt", "retail\n");
        var folder = _temp.Combine("from-old-ledger");
        await Generator.RuleBased.RunAsync(FromOptions(folder, list), null, Ct);
        using (var connection = new SqliteConnection($"Data Source={RunLedger.PathOf(folder)};Pooling=False"))
        {
            connection.Open();
            using var delete = connection.CreateCommand();
            delete.CommandText = "DELETE FROM options WHERE key = 'from_sha256'";
            delete.ExecuteNonQuery().Should().Be(1);
        }
        File.WriteAllText(list, "library\n");

        var resumed = await Generator.RuleBased.RunAsync(GenerationOptions.StoredIn(folder), null, Ct);

        resumed.Attempted.Should().Be(GeneratedRuns.Count);
    }

    [Fact]
    public async Task ThrowsNotFound_WhenTheFolderHasNoLedger()
    {
        var resume = () => Generator.RuleBased.RunAsync(Options(_temp.Combine("nothing")) with { Resume = true }, null, Ct);

        (await resume.Should().ThrowAsync<ParleyException>()).Which.Code.Should().Be("not_found");
    }
}
