using Parley.Cli;
using Parley.Export;
using Parley.Generation;
using Parley.Runs;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Cli;

/// <summary>A run folder is one run's: locked while it runs, never a foreign folder, an earlier run replaced only with --force.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class RunFolderCommandTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task RefusesASecondRun_WhileTheFirstIsWritingTheFolder_AndTheFirstCompletesValid()
    {
        var output = _temp.Combine("shared");
        using var firstWrote = new SemaphoreSlim(0);
        using var secondDone = new SemaphoreSlim(0);
        var waited = 0;
        // The first run stops in its writer after its first dialogue, holding the folder, until the second has tried.
        var progress = new CallbackProgress<GenerationProgress>(_ =>
        {
            if (Interlocked.Exchange(ref waited, 1) != 0) return;
            firstWrote.Release();
            secondDone.Wait(Ct);
        });
        var first = Task.Run(() => Generator.RuleBased.RunAsync(new GenerationOptions { Output = output, Count = 12, Domains = ["retail"], Concurrency = 2 }, progress, Ct), Ct);
        await firstWrote.WaitAsync(Ct);

        CliResult second;
        try
        {
            second = await CliTester.RunAsync("generate", "-n", "3", "--domains", "retail", "--out", output, "-q");
        }
        finally
        {
            secondDone.Release();
        }
        var manifest = await first;
        var validate = await CliTester.RunAsync("validate", output);

        second.ExitCode.Should().Be(ExitCodes.RunFolderConflict);
        second.Error.Should().Be($"error: {output}: another parley run is writing to this folder; wait for it to end, or choose another --out\n");
        manifest.Attempted.Should().Be(12);
        validate.ExitCode.Should().Be(ExitCodes.Ok, validate.Error + validate.Out);
        validate.Out.Should().Contain($"{manifest.Kept} of {manifest.Kept} dialogues valid");
    }

    [Fact]
    public async Task RefusesAnEarlierRun_WithoutForce_AndReplacesItWholeWithForce()
    {
        var output = _temp.Combine("again");
        (await CliTester.RunAsync("generate", "-n", "4", "--domains", "retail", "--pause-after", "6", "--out", output, "-q")).ExitCode.Should().Be(ExitCodes.Ok);
        File.Exists(Path.Combine(output, OutputDirectory.StatesFile)).Should().BeTrue();
        var before = File.ReadAllBytes(Path.Combine(output, OutputDirectory.ManifestFile));

        var refused = await CliTester.RunAsync("generate", "-n", "3", "--domains", "library", "--out", output, "-q");
        File.ReadAllBytes(Path.Combine(output, OutputDirectory.ManifestFile)).Should().Equal(before, "a refused run touches nothing");
        var forced = await CliTester.RunAsync("generate", "-n", "3", "--domains", "library", "--out", output, "-q", "--force");

        refused.ExitCode.Should().Be(ExitCodes.RunFolderConflict);
        refused.Error.Should().Be($"error: {output}: holds an earlier parley run; continue it with --resume, or replace it with --force\n");
        forced.ExitCode.Should().Be(ExitCodes.Ok, forced.Error);
        // Nothing of the earlier run is left to be picked up: no stale states, no stale environment.
        File.Exists(Path.Combine(output, OutputDirectory.StatesFile)).Should().BeFalse();
        Directory.GetFiles(Path.Combine(output, OutputDirectory.EnvironmentsFolder)).Select(Path.GetFileName).Should().Equal("library.json");
        (await CliTester.RunAsync("validate", output)).ExitCode.Should().Be(ExitCodes.Ok);
    }

    [Fact]
    public async Task RefusesAFolderThatIsNotAParleyRun_EvenWithForce()
    {
        var output = _temp.Combine("photos");
        _temp.Write("photos/holiday.jpg", "not a run");

        var result = await CliTester.RunAsync("generate", "-n", "2", "--domains", "retail", "--out", output, "-q", "--force");

        result.ExitCode.Should().Be(ExitCodes.RunFolderConflict);
        result.Error.Should().StartWith($"error: {output}: is not empty and holds no parley run;");
        Directory.GetFiles(output).Select(Path.GetFileName).Should().BeEquivalentTo("holiday.jpg", RunFolderLock.FileName);
        File.ReadAllText(Path.Combine(output, "holiday.jpg")).Should().Be("not a run");
    }

    [Fact]
    public async Task RefusesFromAFileInsideOut_WhichTheRunWouldTruncate()
    {
        var output = _temp.Combine("self");
        (await CliTester.RunAsync("generate", "-n", "2", "--domains", "retail", "--out", output, "-q")).ExitCode.Should().Be(ExitCodes.Ok);
        var tasks = Path.Combine(output, OutputDirectory.TasksFile);
        var before = File.ReadAllBytes(tasks);

        var result = await CliTester.RunAsync("generate", "--from", tasks, "--out", output, "--force", "-q");

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.Error.Should().StartWith($"error: --from: '{tasks}' is inside the output folder '{output}'");
        File.ReadAllBytes(tasks).Should().Equal(before);
    }

    [Fact]
    public async Task RefusesAnEmptyOut()
    {
        var result = await CliTester.RunAsync("generate", "-n", "2", "--out", "", "-q");

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.Error.Should().Be("error: --out must name a folder\n");
    }

    [Fact]
    public async Task ExitsWithAnIoError_WhenOutCannotBeCreated()
    {
        var file = _temp.Write("plain.txt", "a file");

        var result = await CliTester.RunAsync("generate", "-n", "2", "--out", Path.Combine(file, "run"), "-q");

        result.ExitCode.Should().Be(ExitCodes.Io);
        result.Error.Should().StartWith($"error: {Path.Combine(file, "run")}: cannot create the output folder: ").And.NotContain("   at ");
        result.Error.TrimEnd('\n').Should().NotContain("\n");
    }
}
