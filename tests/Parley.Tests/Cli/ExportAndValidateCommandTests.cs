using System.Text.Json.Nodes;
using Parley.Cli;
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

        var result = await CliTester.RunAsync("export", run.Folder, "--format", format, "--to", target);

        result.ExitCode.Should().Be(ExitCodes.Ok, result.Error);
        var lines = File.ReadAllLines(target);
        lines.Should().HaveCount(run.Dialogues.Count).And.OnlyContain(l => JsonNode.Parse(l)![key] != null);
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

        var result = await CliTester.RunAsync("filter", run.Folder, "--to", target, "--tool-calls", "0-5");

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

        var result = await CliTester.RunAsync("filter", run.Folder, "--to", _temp.Combine("x"), "--turns", "ten");

        result.ExitCode.Should().Be(ExitCodes.Usage);
    }
}
