using Parley.Cli;
using Parley.Environments;
using Parley.Export;
using Parley.Runs;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Cli;

[Collection(ConsoleCollection.Name)]
public sealed class GenerateCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task WritesEveryRunFile_WhenGeneratingInOneDomain()
    {
        var output = _temp.Combine("run");

        var result = await CliTester.RunAsync("generate", "-n", "5", "--domains", "retail", "--out", output);

        result.ExitCode.Should().Be(ExitCodes.Ok, result.Error);
        result.Out.Should().Contain("kept").And.Contain("of 5");
        foreach (var file in new[] { OutputDirectory.DialoguesFile, OutputDirectory.TasksFile, OutputDirectory.RejectedFile, OutputDirectory.ManifestFile })
        {
            File.Exists(Path.Combine(output, file)).Should().BeTrue(file);
        }
        File.Exists(Path.Combine(output, OutputDirectory.EnvironmentsFolder, "retail.json")).Should().BeTrue();
        (File.ReadAllLines(Path.Combine(output, OutputDirectory.DialoguesFile)).Length + File.ReadAllLines(Path.Combine(output, OutputDirectory.RejectedFile)).Length)
            .Should().Be(5);
    }

    [Fact]
    public async Task WritesARunThatStatsAndShowCanRead()
    {
        var output = _temp.Combine("readable");
        (await CliTester.RunAsync("generate", "-n", "4", "--domains", "retail", "--out", output, "-q")).ExitCode.Should().Be(ExitCodes.Ok);

        var stats = await CliTester.RunAsync("stats", output);
        var json = await CliTester.RunAsync("stats", output, "--json");
        var show = await CliTester.RunAsync("show", output, "0");

        stats.ExitCode.Should().Be(ExitCodes.Ok, stats.Error);
        stats.Out.Should().Contain("retail");
        json.ExitCode.Should().Be(ExitCodes.Ok, json.Error);
        using (var document = System.Text.Json.JsonDocument.Parse(json.Out))
        {
            document.RootElement.GetProperty("runs")[0].GetProperty("statistics").GetProperty("groups")[0].GetProperty("dialogues").GetInt32().Should().Be(4);
        }
        show.ExitCode.Should().Be(ExitCodes.Ok, show.Error);
        show.Out.Should().Contain("USER ").And.Contain("ASSISTANT ");
    }

    [Fact]
    public async Task PassesEveryOptionThrough_ToTheRun()
    {
        var output = _temp.Combine("options");

        var result = await CliTester.RunAsync("generate", "-n", "3", "--domains", "retail,library", "--out", output, "--seed", "9", "--mode", "task-oriented",
            "--tasks-per-dialogue", "1", "--max-turns", "150", "--parallelism", "1", "-q");

        result.ExitCode.Should().Be(ExitCodes.Ok, result.Error);
        var manifest = File.ReadAllText(Path.Combine(output, OutputDirectory.ManifestFile));
        manifest.Should().Contain("\"mode\": \"task-oriented\"").And.Contain("\"domains\": \"retail,library\"").And.Contain("\"seed\": 9")
            .And.Contain("\"tasks_per_dialogue\": \"1:1\"").And.Contain("\"max_turns\": \"150\"");
    }

    [Fact]
    public async Task ExitsWithUsageErrorAndListsDomains_WhenDomainIsUnknown()
    {
        var result = await CliTester.RunAsync("generate", "--domains", "nope", "--out", _temp.Combine("nope"));

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.Error.Should().Contain("unknown domain 'nope'");
        foreach (var name in DomainCatalog.BuiltIn.Names) result.Error.Should().Contain(name);
    }

    [Fact]
    public async Task ExitsWithUsageError_WhenTaskCountIsMalformed()
    {
        var result = await CliTester.RunAsync("generate", "--tasks-per-dialogue", "x", "--domains", "retail", "--out", _temp.Combine("x"));

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.Error.Should().Contain("--tasks-per-dialogue: 'x' is not N, MIN-MAX or N:WEIGHT,N:WEIGHT");
    }

    [Fact]
    public async Task ExitsWithUsageError_WhenFromDoesNotExist()
    {
        var result = await CliTester.RunAsync("generate", "--from", _temp.Combine("missing.jsonl"), "--out", _temp.Combine("y"));

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.Error.Should().Contain("does not exist");
    }

    [Fact]
    public async Task ExitsWithInvalidInput_WhenFromIsAFinishedRun()
    {
        var first = _temp.Combine("first");
        (await CliTester.RunAsync("generate", "-n", "2", "--domains", "retail", "--out", first, "-q")).ExitCode.Should().Be(ExitCodes.Ok);

        var result = await CliTester.RunAsync("generate", "--from", Path.Combine(first, OutputDirectory.DialoguesFile), "--out", _temp.Combine("second"));

        result.ExitCode.Should().Be(ExitCodes.InvalidInput);
        result.Error.Should().StartWith("error: ").And.Contain("finished dialogues cannot be continued");
    }

    [Theory]
    [InlineData("--mode", "sideways")]
    [InlineData("-n", "many")]
    public async Task ExitsWithUsageError_WhenTheParserRejectsAValue(string option, string value)
    {
        var result = await CliTester.RunAsync("generate", option, value, "--domains", "retail", "--out", _temp.Combine("z"));

        result.ExitCode.Should().Be(ExitCodes.Usage);
    }
}
