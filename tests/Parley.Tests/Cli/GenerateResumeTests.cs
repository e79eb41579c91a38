using System.Diagnostics;
using Parley.Cli;
using Parley.Export;
using Parley.Generation;
using Parley.Runs;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Cli;

/// <summary>A real <c>parley generate</c> process killed with SIGKILL mid-run, then resumed, gives the uninterrupted run's bytes.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class GenerateResumeTests : IDisposable
{
    private const string Count = "800";
    private static readonly string[] Compared = [OutputDirectory.DialoguesFile, OutputDirectory.TasksFile, OutputDirectory.RejectedFile];
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static string[] Args(string output) => ["generate", "-n", Count, "--domains", "retail,library", "--seed", "21", "--max-turns", "40", "--out", output, "--progress", "none"];

    [Fact]
    public async Task ResumesAKilledProcess_ToTheUninterruptedRunsBytes()
    {
        var killed = _temp.Combine("killed");
        var dialogues = Path.Combine(killed, OutputDirectory.DialoguesFile);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        // Launched with the test assembly's runtime config and deps: the test project references the ASP.NET Core
        // framework (the mock model server), so the build leaves out packages that framework supplies, which the
        // CLI's own runtime config (NETCore.App only) cannot then find.
        var tests = Path.ChangeExtension(typeof(GenerateResumeTests).Assembly.Location, null);
        string[] host = ["exec", "--runtimeconfig", tests + ".runtimeconfig.json", "--depsfile", tests + ".deps.json", typeof(CliApp).Assembly.Location];
        foreach (var arg in host.Concat(Args(killed))) start.ArgumentList.Add(arg);
        using (var process = Process.Start(start)!)
        {
            while (!process.HasExited && (!File.Exists(dialogues) || new FileInfo(dialogues).Length == 0)) await Task.Delay(10, TestContext.Current.CancellationToken);
            process.Kill(); // SIGKILL: no chance to clean up
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
        File.Exists(Path.Combine(killed, OutputDirectory.ManifestFile)).Should().BeFalse("the process was killed before it finished");

        var resumed = await CliTester.RunAsync("generate", "--resume", killed, "--progress", "none");
        var whole = await CliTester.RunAsync(Args(_temp.Combine("whole")));

        resumed.ExitCode.Should().Be(ExitCodes.Ok, resumed.Error);
        whole.ExitCode.Should().Be(ExitCodes.Ok, whole.Error);
        foreach (var file in Compared.Append(OutputDirectory.ManifestFile))
        {
            File.ReadAllBytes(Path.Combine(killed, file)).Should().Equal(File.ReadAllBytes(_temp.Combine("whole", file)), file);
        }
    }

    [Fact]
    public async Task ExitsWithUsageError_WhenResumingWithAConflictingOption()
    {
        var output = _temp.Combine("run");
        (await CliTester.RunAsync("generate", "-n", "3", "--domains", "retail", "--out", output, "-q")).ExitCode.Should().Be(ExitCodes.Ok);

        var result = await CliTester.RunAsync("generate", "--resume", output, "--seed", "5");
        var same = await CliTester.RunAsync("generate", "--resume", output, "--domains", "retail", "--concurrency", "7", "-q");

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.Error.Should().Contain("--seed: the run was started with '42', not '5'");
        same.ExitCode.Should().Be(ExitCodes.Ok, same.Error);
        same.Out.Should().Contain("of 3");
    }

    [Fact]
    public async Task ExitsNotFound_WhenResumingAFolderThatIsNoRun()
    {
        var result = await CliTester.RunAsync("generate", "--resume", _temp.Combine("nothing"));

        result.ExitCode.Should().Be(ExitCodes.NotFound);
        result.Error.Should().Contain("ledger.db");
    }

    [Fact]
    public async Task MergesShards_ToTheUnshardedRunsBytes()
    {
        string[] common = ["generate", "-n", "20", "--domains", "retail", "--seed", "3", "-q"];
        for (var i = 0; i < 3; i++) (await CliTester.RunAsync([.. common, "--shard", $"{i}/3", "--out", _temp.Combine($"s{i}")])).ExitCode.Should().Be(ExitCodes.Ok);
        (await CliTester.RunAsync([.. common, "--out", _temp.Combine("whole")])).ExitCode.Should().Be(ExitCodes.Ok);

        var merged = await CliTester.RunAsync("merge", _temp.Combine("s0"), _temp.Combine("s1"), _temp.Combine("s2"), "--out", _temp.Combine("merged"));

        merged.ExitCode.Should().Be(ExitCodes.Ok, merged.Error);
        merged.Out.Should().Contain("merged 3 shards");
        foreach (var file in Compared.Append(OutputDirectory.ManifestFile))
        {
            File.ReadAllBytes(_temp.Combine("merged", file)).Should().Equal(File.ReadAllBytes(_temp.Combine("whole", file)), file);
        }
    }

    [Fact]
    public async Task MergesAPartialMergeWithTheRest_ToTheUnshardedRunsBytes_AndResumesOnlyTheWhole()
    {
        string[] common = ["generate", "-n", "20", "--domains", "retail", "--seed", "3", "-q"];
        for (var i = 0; i < 3; i++) (await CliTester.RunAsync([.. common, "--shard", $"{i}/3", "--out", _temp.Combine($"s{i}")])).ExitCode.Should().Be(ExitCodes.Ok);
        (await CliTester.RunAsync([.. common, "--out", _temp.Combine("whole")])).ExitCode.Should().Be(ExitCodes.Ok);

        var refused = await CliTester.RunAsync("merge", _temp.Combine("s0"), _temp.Combine("s1"), "--out", _temp.Combine("group"));
        var group = await CliTester.RunAsync("merge", _temp.Combine("s0"), _temp.Combine("s1"), "--out", _temp.Combine("group"), "--partial");
        var merged = await CliTester.RunAsync("merge", _temp.Combine("group"), _temp.Combine("s2"), "--out", _temp.Combine("merged"));
        var resumedGroup = await CliTester.RunAsync("generate", "--resume", _temp.Combine("group"), "-q");
        var resumedMerge = await CliTester.RunAsync("generate", "--resume", _temp.Combine("merged"), "-q");

        refused.ExitCode.Should().Be(ExitCodes.Usage);
        refused.Error.Should().Contain("2/3 missing").And.Contain("--partial");
        group.ExitCode.Should().Be(ExitCodes.Ok, group.Error);
        group.Out.Should().Contain("into shards 0-1/3");
        merged.ExitCode.Should().Be(ExitCodes.Ok, merged.Error);
        foreach (var file in Compared.Append(OutputDirectory.ManifestFile))
        {
            File.ReadAllBytes(_temp.Combine("merged", file)).Should().Equal(File.ReadAllBytes(_temp.Combine("whole", file)), file);
        }
        resumedGroup.ExitCode.Should().Be(ExitCodes.Usage);
        resumedGroup.Error.Should().Contain("nothing to resume").And.Contain("2/3");
        resumedMerge.ExitCode.Should().Be(ExitCodes.Ok, resumedMerge.Error);
        resumedMerge.Out.Should().Contain("of 20");
        File.ReadAllBytes(_temp.Combine("merged", OutputDirectory.DialoguesFile)).Should().Equal(File.ReadAllBytes(_temp.Combine("whole", OutputDirectory.DialoguesFile)));
    }

    [Fact]
    public async Task ExitsWithUsageError_WhenTheFromFileChangedBeforeResuming()
    {
        var list = _temp.Combine("domains.txt");
        File.WriteAllText(list, "retail\n");
        var output = _temp.Combine("run");
        (await CliTester.RunAsync("generate", "-n", "3", "--from", list, "--out", output, "-q")).ExitCode.Should().Be(ExitCodes.Ok);
        File.WriteAllText(list, "library\n");

        var result = await CliTester.RunAsync("generate", "--resume", output, "-q");

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.Error.Should().Contain($"--from: '{list}' changed since the run started (sha256 ");
    }

    [Fact]
    public async Task ExitsWithUsageError_WhenTheShardIsMalformed()
    {
        var result = await CliTester.RunAsync("generate", "-n", "2", "--shard", "3/3", "--out", _temp.Combine("x"));

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.Error.Should().Contain("--shard");
    }

    [Fact]
    public async Task LogsPlainProgressLines_WhenOutputIsNotATerminal()
    {
        var result = await CliTester.RunAsync("generate", "-n", "12", "--domains", "retail", "--out", _temp.Combine("plain"), "--progress", "plain");

        result.ExitCode.Should().Be(ExitCodes.Ok, result.Error);
        result.Error.Should().MatchRegex(@"\[\d\d:\d\d:\d\d\] 12/12 \(100\.0%\) — kept \d+, failed \d+, in flight 0 \| [\d,]+ dialogues/min");
        result.Out.Should().Contain("of 12");
    }
}
