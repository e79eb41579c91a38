using System.Text.Json.Nodes;
using Parley.Cli;
using Parley.Export;
using Parley.Generation;
using Parley.Runs;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Cli;

/// <summary>Every failure a user can cause ends in one line naming the option or file, and its documented exit code.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ErrorLineTests(GeneratedRuns runs) : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static void OneLine(CliResult result) => result.Error.TrimEnd('\n').Should().NotContain("\n").And.NotContain("   at ");

    [Theory]
    [InlineData("--seed", "abc", "error: --seed: 'abc' is not a whole number from 0 to 18446744073709551615")]
    [InlineData("--scale", "NaN", "error: --scale: 'NaN' is not a finite number (like 0.5 or 2)")]
    [InlineData("--scale", "-Infinity", "error: --scale: '-Infinity' is not a finite number (like 0.5 or 2)")]
    [InlineData("-n", "many", "error: -n: 'many' is not a whole number from -2147483648 to 2147483647")]
    [InlineData("--progress", "loud", "error: --progress: 'loud' is not one of auto, live, plain, none")]
    public async Task NamesTheOptionAndItsValues_WhenAValueDoesNotParse(string option, string value, string expected)
    {
        var result = await CliTester.RunAsync("generate", option, value, "--out", _temp.Combine("run"));

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.Error.Should().Be(expected + "\n");
        Directory.Exists(_temp.Combine("run")).Should().BeFalse();
    }

    [Fact]
    public async Task RefusesANonFiniteFraction_InEveryCommand()
    {
        var run = await runs.RetailAsync();

        var result = await CliTester.RunAsync("export", run.Folder, "--format", "openai", "--validation-fraction", "NaN", "--out", _temp.Combine("x.jsonl"));

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.Error.Should().Be("error: --validation-fraction: 'NaN' is not a finite number (like 0.5 or 2)\n");
    }

    [Fact]
    public async Task ExitsWithInvalidInput_WhenTheLedgerIsCorrupt()
    {
        var output = _temp.Combine("run");
        (await CliTester.RunAsync("generate", "-n", "2", "--domains", "retail", "--out", output, "-q")).ExitCode.Should().Be(ExitCodes.Ok);
        File.WriteAllText(RunLedger.PathOf(output), "this is not a database, it is a long enough line of text to fill a header....");

        var resume = await CliTester.RunAsync("generate", "--resume", output, "-q");
        var validate = await CliTester.RunAsync("validate", output);

        foreach (var result in new[] { resume, validate })
        {
            result.ExitCode.Should().Be(ExitCodes.InvalidInput);
            result.Error.Should().StartWith($"error: {RunLedger.PathOf(output)}: the run's ledger is damaged or not a Parley ledger (SQLite: ");
            OneLine(result);
        }
    }

    [Fact]
    public async Task ExitsWithInvalidInput_WhenAnEnvironmentsTodayIsNotADate()
    {
        var run = await runs.RetailAsync();
        var spec = JsonNode.Parse(File.ReadAllText(Path.Combine(run.Folder, OutputDirectory.EnvironmentsFolder, "retail.json")))!;
        spec["today"] = "next tuesday";
        var file = _temp.Write("retail.json", spec.ToJsonString());

        var result = await CliTester.RunAsync("generate", "-n", "2", "--from", file, "--out", _temp.Combine("run"), "-q");

        result.ExitCode.Should().Be(ExitCodes.InvalidInput);
        result.Error.Should().Be("error: invalid environment: 'retail': 'today' must be a date like 2025-06-15, not 'next tuesday'\n");
    }

    [Fact]
    public async Task ExitsWithInvalidInput_WhenASavedStateAnswersOneToolCallTwice()
    {
        var paused = await runs.RetailAsync(pauseAfter: 8);
        var lines = File.ReadAllLines(Path.Combine(paused.Folder, OutputDirectory.StatesFile));
        var state = JsonNode.Parse(lines[0])!;
        var messages = state["messages"]!.AsArray();
        var tool = messages.First(m => m!["role"]!.GetValue<string>() == "tool")!;
        messages.Insert(messages.IndexOf(tool) + 1, tool.DeepClone());
        lines[0] = state.ToJsonString();
        var file = _temp.Write("states.jsonl", string.Join("\n", lines) + "\n");

        var result = await CliTester.RunAsync("generate", "--from", file, "--out", _temp.Combine("run"), "-q");

        result.ExitCode.Should().Be(ExitCodes.InvalidInput);
        result.Error.Should().Be($"error: {file}: dialogue {state["dialogue_id"]}: two tool results have the id '{tool["tool_call_id"]}'; each tool call needs its own id\n");
    }

    [Fact]
    public async Task EscapesControlCharacters_WhenTheInputIsBinary()
    {
        var file = Path.Combine(_temp.Path, "binary.jsonl");
        File.WriteAllBytes(file, [0x1b, (byte)'[', (byte)'2', (byte)'J', 0x00, 0xff, 0x07, (byte)'\n']);

        var result = await CliTester.RunAsync("generate", "--from", file, "--out", _temp.Combine("run"), "-q");

        result.ExitCode.Should().Be(ExitCodes.InvalidInput);
        result.Error.Should().StartWith($"error: {file}: ");
        result.Error.TrimEnd('\n').Should().NotContainAny("\u001b", "\u0000", "\u0007");
        OneLine(result);
    }

    [Fact]
    public async Task ExitsWithInvalidInput_WhenTheLedgersStoredSeedIsNotANumber()
    {
        var output = _temp.Combine("run");
        (await CliTester.RunAsync("generate", "-n", "2", "--domains", "retail", "--out", output, "-q")).ExitCode.Should().Be(ExitCodes.Ok);
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={RunLedger.PathOf(output)};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE options SET value = 'abc' WHERE key = 'seed'";
            command.ExecuteNonQuery();
        }

        var result = await CliTester.RunAsync("generate", "--resume", output, "-q");

        result.ExitCode.Should().Be(ExitCodes.InvalidInput);
        result.Error.Should().StartWith($"error: {RunLedger.PathOf(output)}: a stored setting does not parse (");
        OneLine(result);
    }

    [Fact]
    public async Task AddsTheStackTraceAfterTheLine_OnlyWithVerbose()
    {
        var missing = _temp.Combine("missing");

        var plain = await CliTester.RunAsync("validate", missing);
        var verbose = await CliTester.RunAsync("validate", missing, "--verbose");

        plain.ExitCode.Should().Be(ExitCodes.NotFound);
        verbose.ExitCode.Should().Be(ExitCodes.NotFound);
        plain.Error.Should().Be($"error: {missing}: no dialogues.jsonl here; is this a run folder?\n");
        verbose.Error.Should().StartWith(plain.Error).And.Contain("   at Parley.");
    }

    [Fact]
    public async Task NamesTheCommandParley_InItsUsageLine()
    {
        var result = await CliTester.RunAsync("--help");

        result.ExitCode.Should().Be(ExitCodes.Ok);
        result.Out.Should().Contain("parley [command] [options]").And.NotContain("Parley.Cli");
    }
}
