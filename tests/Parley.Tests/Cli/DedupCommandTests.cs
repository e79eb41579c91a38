using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Cli;
using Parley.Dialogues;
using Parley.Export;
using Parley.Quality;
using Parley.Runs;
using Parley.Serialization;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Cli;

[Collection(ConsoleCollection.Name)]
public sealed class DedupCommandTests(GeneratedRuns runs) : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>A copy of the shared run with its first dialogue appended again under a new id, and that dialogue's id.</summary>
    private async Task<(string Folder, string Original)> RunWithACopyAsync()
    {
        var run = await runs.RetailAsync();
        var folder = _temp.Combine("run");
        Directory.CreateDirectory(folder);
        var lines = run.Lines(OutputDirectory.DialoguesFile).ToList();
        var first = JsonSerializer.Deserialize(lines[0], DialogueJsonContext.Default.Dialogue)!;
        lines.Add(JsonSerializer.Serialize(first with { Id = "copy-of-first" }, DialogueJsonContext.Default.Dialogue));
        await File.WriteAllLinesAsync(Path.Combine(folder, OutputDirectory.DialoguesFile), lines, TestContext.Current.CancellationToken);
        return (folder, first.Id);
    }

    [Fact]
    public async Task WritesDuplicatesJson_WithTheCopyClusteredWithItsOriginal()
    {
        var (folder, original) = await RunWithACopyAsync();

        var result = await CliTester.RunAsync("dedup", folder);

        result.ExitCode.Should().Be(ExitCodes.Ok, result.Error);
        result.Out.Should().Contain("1 clusters of near-duplicates among 31 dialogues").And.Contain(original);
        var report = JsonSerializer.Deserialize(await File.ReadAllTextAsync(Path.Combine(folder, DuplicateReport.FileName), TestContext.Current.CancellationToken), QualityJsonContext.Default.DuplicateReport)!;
        report.Clusters.Should().ContainSingle().Which.Members.Should().Equal(original, "copy-of-first");
        (report.By, report.Threshold, report.Dialogues, report.Duplicates).Should().Be((DuplicateSignal.User, 0.8, 31, 1));
    }

    [Fact]
    public async Task FailsWithTheLocksOneLineError_WhenAnotherRunHoldsTheRunFolder()
    {
        var run = await runs.RetailAsync();
        var folder = _temp.Combine("locked-run");
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.EnumerateFiles(run.Folder).Where(f => Path.GetFileName(f) != RunFolderLock.FileName)) File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        using var generate = RunFolderLock.Acquire(folder);

        var result = await CliTester.RunAsync("dedup", folder);

        result.ExitCode.Should().Be(ExitCodes.RunFolderConflict);
        result.Error.Trim().Should().Contain("another parley run is writing to this folder").And.NotContain("\n");
        File.Exists(Path.Combine(folder, DuplicateReport.FileName)).Should().BeFalse();
    }

    [Fact]
    public async Task PrintsTheReportAsJson_WhenAskedFor()
    {
        var (folder, original) = await RunWithACopyAsync();

        var result = await CliTester.RunAsync("dedup", folder, "--json", "--dedup-by", "both", "--dedup-threshold", "0.95");

        result.ExitCode.Should().Be(ExitCodes.Ok, result.Error);
        var json = JsonNode.Parse(result.Out)!;
        json["by"]!.GetValue<string>().Should().Be("both");
        json["threshold"]!.GetValue<double>().Should().Be(0.95);
        var cluster = json["clusters"]![0]!;
        (cluster["size"]!.GetValue<int>(), cluster["representative"]!.GetValue<string>()).Should().Be((2, original));
        cluster["opening"]!.GetValue<string>().Should().NotBeEmpty();
        cluster["similarity"]!.GetValue<double>().Should().Be(1);
    }

    [Fact]
    public async Task DropsAllButTheFirstOfEachCluster_WithTheReason_WhenFilteringWithDedup()
    {
        var (folder, original) = await RunWithACopyAsync();
        var target = _temp.Combine("filtered");

        var result = await CliTester.RunAsync("filter", folder, "--out", target, "--dedup");

        result.ExitCode.Should().Be(ExitCodes.Ok, result.Error);
        result.Out.Should().Contain("30 kept, 1 dropped");
        var dropped = JsonlFile.Read(Path.Combine(target, "dropped.jsonl"), RunJsonContext.Default.RejectedDialogue);
        dropped.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Id = "copy-of-first", Reasons = new[] { $"near_duplicate_of:{original}" } });
        JsonlFile.Read(Path.Combine(target, OutputDirectory.DialoguesFile), DialogueJsonContext.Default.Dialogue).Should().Contain(d => d.Id == original);
    }

    [Fact]
    public async Task LeavesNearDuplicatesOut_WhenExportingWithDedup()
    {
        var (folder, _) = await RunWithACopyAsync();
        var target = _temp.Combine("export.jsonl");

        var result = await CliTester.RunAsync("export", folder, "--format", "openai", "--out", target, "--dedup");

        result.ExitCode.Should().Be(ExitCodes.Ok, result.Error);
        result.Out.Should().Contain("1 near-duplicates left out");
        File.ReadAllLines(target).Should().HaveCount(30);
    }

    [Theory]
    [InlineData("--dedup-threshold", "1.5")]
    [InlineData("--threshold", "1.5")]
    [InlineData("--threshold", "0")]
    [InlineData("--dedup-by", "words")]
    [InlineData("--by", "words")]
    public async Task ExitsWithUsageError_WhenAnOptionIsOutOfRange(string option, string value)
    {
        var run = await runs.RetailAsync();

        var result = await CliTester.RunAsync("dedup", run.Folder, option, value);

        result.ExitCode.Should().Be(ExitCodes.Usage);
        File.Exists(run.PathOf(DuplicateReport.FileName)).Should().BeFalse("nothing is written when the options are bad");
    }
}
