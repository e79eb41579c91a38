using System.Text.Json.Nodes;
using Parley.Cli;
using Parley.Dialogues;
using Parley.Runs;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Cli;

[Collection(ConsoleCollection.Name)]
public sealed class ExportAndValidateCommandTests(GeneratedRuns runs) : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("openai", "messages")]
    [InlineData("sharegpt", "conversations")]
    [InlineData("hermes", "conversations")]
    public async Task WritesOneLinePerKeptDialogue_WhenExporting(string format, string key)
    {
        var run = await runs.RetailAsync();
        var target = _temp.Combine($"{format}.jsonl");

        var result = await CliTester.RunAsync("export", run.Folder, "--format", format, "--out", target);

        result.ExitCode.Should().Be(ExitCodes.Ok, result.Error);
        var lines = File.ReadAllLines(target);
        lines.Should().HaveCount(run.Dialogues.Count).And.OnlyContain(l => JsonNode.Parse(l)![key] != null);
    }

    [Fact]
    public async Task WritesAHuggingFaceFolder_WhenExportingParquet()
    {
        var run = await runs.RetailAsync();
        var target = _temp.Combine("hf");

        var result = await CliTester.RunAsync("export", run.Folder, "--format", "parquet", "--out", target, "--per-turn");

        result.ExitCode.Should().Be(ExitCodes.Ok, result.Error);
        var rows = (await Parquet.Serialization.ParquetSerializer.DeserializeAsync<Parley.Export.ParquetRow>(Path.Combine(target, "data", "train.parquet"), cancellationToken: TestContext.Current.CancellationToken)).Data;
        rows.Should().HaveCount(run.Dialogues.Sum(d => d.Messages.Count(m => m is Parley.Dialogues.AssistantMessage)));
        File.ReadAllText(Path.Combine(target, "README.md")).Should().Contain("path: data/train.parquet");
        result.Out.Should().Contain("dataset card");
    }

    [Fact]
    public async Task WritesOneHtmlFile_WhenReportingTwoRuns()
    {
        var (user, task) = (await runs.RetailAsync(), await runs.RetailAsync(mode: Parley.Dialogues.DialogueMode.TaskOriented));
        var target = _temp.Combine("report.html");

        var result = await CliTester.RunAsync("report", user.Folder, task.Folder, "--out", target, "--max-dialogues", "10");

        result.ExitCode.Should().Be(ExitCodes.Ok, result.Error);
        var html = File.ReadAllText(target);
        html.Should().StartWith("<!doctype html>").And.Contain("task-oriented").And.Contain("user-oriented");
        result.Out.Should().Contain($"report of {user.Dialogues.Count + task.Dialogues.Count} dialogues (10 browsable)");
    }

    [Fact]
    public async Task ExitsNotFound_WhenReportingAMissingFolder()
    {
        var result = await CliTester.RunAsync("report", _temp.Combine("missing"));

        result.ExitCode.Should().Be(ExitCodes.NotFound);
    }

    [Fact]
    public async Task ExitsWithUsageError_WhenFormatIsUnknown()
    {
        var run = await runs.RetailAsync();

        var result = await CliTester.RunAsync("export", run.Folder, "--format", "csv");

        result.ExitCode.Should().Be(ExitCodes.Usage);
    }

    [Fact]
    public async Task ReportsEveryDialogueValid_WhenValidatingAnUntouchedRun()
    {
        var run = await runs.RetailAsync();

        var result = await CliTester.RunAsync("validate", run.Folder);

        result.ExitCode.Should().Be(ExitCodes.Ok, result.Out + result.Error);
        result.Out.Should().Contain($"{run.Dialogues.Count} of {run.Dialogues.Count} dialogues valid");
    }

    [Fact]
    public async Task ReportsTheGroundingFailure_WhenAnAssistantMessageIsEditedToClaimARefund()
    {
        var run = await runs.RetailAsync();
        var copy = _temp.Combine("edited");
        CopyFolder(run.Folder, copy);
        var dialogues = run.Dialogues;
        var edited = Parley.Tests.Verification.GroundingVerifierTests.WithLastAssistantText(dialogues[2], "All done: I refunded $5,000 to your card.");
        File.WriteAllLines(Path.Combine(copy, Parley.Runs.OutputDirectory.DialoguesFile),
            dialogues.Select(d => System.Text.Json.JsonSerializer.Serialize(d.Id == edited.Id ? edited : d, DialogueJsonContext.Relaxed.Dialogue)));
        // Without its ledger the folder is checked by content alone (with it, the edited line is refused by its hash first).
        File.Delete(Parley.Runs.RunLedger.PathOf(copy));

        var result = await CliTester.RunAsync("validate", copy);

        result.ExitCode.Should().Be(ExitCodes.ValidationFailed, result.Out + result.Error);
        result.Out.Should().Contain(edited.Id).And.Contain("grounding").And.Contain("$5,000")
            .And.Contain($"{dialogues.Count - 1} of {dialogues.Count} dialogues valid");
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    [Fact]
    public async Task ExitsNotFound_WhenValidatingAMissingFolder()
    {
        var result = await CliTester.RunAsync("validate", _temp.Combine("missing"));

        result.ExitCode.Should().Be(ExitCodes.NotFound);
    }

    [Fact]
    public async Task WritesKeptAndDroppedWithReasons_WhenFiltering()
    {
        var run = await runs.RetailAsync();
        var target = _temp.Combine("filtered");

        var result = await CliTester.RunAsync("filter", run.Folder, "--out", target, "--tool-calls", "0-5");

        result.ExitCode.Should().Be(ExitCodes.Ok, result.Error);
        var kept = File.ReadAllLines(Path.Combine(target, "dialogues.jsonl"));
        var dropped = File.ReadAllLines(Path.Combine(target, "dropped.jsonl"));
        (kept.Length + dropped.Length).Should().Be(run.Dialogues.Count);
        dropped.Should().OnlyContain(l => JsonNode.Parse(l)!["reasons"]!.AsArray().Count > 0);
        kept.Should().OnlyContain(l => JsonNode.Parse(l)!["metadata"]!["counts"]!["tool_calls"]!.GetValue<int>() <= 5);
    }

    [Fact]
    public async Task ExitsWithUsageError_WhenFilterRangeIsMalformed()
    {
        var run = await runs.RetailAsync();

        var result = await CliTester.RunAsync("filter", run.Folder, "--out", _temp.Combine("x"), "--turns", "ten");

        result.ExitCode.Should().Be(ExitCodes.Usage);
    }
}
