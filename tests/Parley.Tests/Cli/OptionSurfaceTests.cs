using Parley.Cli;
using System.Text.Json.Nodes;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Cli;

/// <summary>The same option names across commands, the former names still working, and every bad value refused in one line.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class OptionSurfaceTests(GeneratedRuns runs) : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("export", "x.jsonl", "--format", "openai")]
    [InlineData("filter", "filtered", "--turns", "0-")]
    [InlineData("report", "report.html", "--max-dialogues", "3")]
    public async Task WritesTheSame_UnderOutAndTheDeprecatedTo(string command, string name, string option, string value)
    {
        var run = await runs.RetailAsync();
        var (current, former) = (_temp.Combine("current-" + name), _temp.Combine("former-" + name));

        var a = await CliTester.RunAsync(command, run.Folder, option, value, "--out", current);
        var b = await CliTester.RunAsync(command, run.Folder, option, value, "--to", former);

        (a.ExitCode, b.ExitCode).Should().Be((ExitCodes.Ok, ExitCodes.Ok), a.Error + b.Error);
        if (command == "report")
        {
            (File.Exists(current), File.Exists(former)).Should().Be((true, true));
            return;
        }
        var file = command == "filter" ? "dialogues.jsonl" : "";
        (await File.ReadAllBytesAsync(Path.Combine(current, file), TestContext.Current.CancellationToken))
            .Should().Equal(await File.ReadAllBytesAsync(Path.Combine(former, file), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task KeepsTheFormerDedupNames_WorkingAsTheCurrentOnes()
    {
        var run = await runs.RetailAsync(seed: 11); // dedup writes duplicates.json into the run: not the shared one

        var current = await CliTester.RunAsync("dedup", run.Folder, "--json", "--dedup-by", "tools", "--dedup-threshold", "0.9");
        var former = await CliTester.RunAsync("dedup", run.Folder, "--json", "--by", "tools", "--threshold", "0.9");

        current.ExitCode.Should().Be(ExitCodes.Ok, current.Error);
        var json = JsonNode.Parse(current.Out)!;
        (json["by"]!.GetValue<string>(), json["threshold"]!.GetValue<double>()).Should().Be(("tools", 0.9));
        former.Out.Should().Be(current.Out);
    }

    [Theory]
    [InlineData("error: --format: 'csv' is not one of openai, sharegpt, hermes, parquet", "export", "RUN", "--format", "csv")]
    [InlineData("error: --dedup-by: 'words' is not one of user, tools, both", "dedup", "RUN", "--dedup-by", "words")]
    [InlineData("error: --by: 'words' is not one of user, tools, both", "dedup", "RUN", "--by", "words")]
    [InlineData("error: --mode: 'chatty' is not one of user-oriented, task-oriented", "generate", "--mode", "chatty")]
    [InlineData("error: --agent: 'human' is not one of oracle, read-only, weak, llm", "eval", "--agent", "human")]
    [InlineData("error: --turns: '9-2' is an empty range: MIN 9 is above MAX 2", "filter", "RUN", "--out", "OUT", "--turns", "9-2")]
    [InlineData("error: --min-judge-score: 'fluency' is not one of user_naturalness, user_rule_adherence, agent_helpfulness", "filter", "RUN", "--out", "OUT", "--min-judge-score", "fluency=3")]
    [InlineData("error: --domains: 'retial' is not a domain of the dialogues in RUN (retail)", "filter", "RUN", "--out", "OUT", "--domains", "retial")]
    public async Task RefusesABadValue_InOneLineNamingTheOptionAndWhatItTakes(string expected, params string[] args)
    {
        var run = await runs.RetailAsync();
        var output = _temp.Combine("out");

        var result = await CliTester.RunAsync([.. args.Select(a => a switch { "RUN" => run.Folder, "OUT" => output, _ => a })]);

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.Error.Should().Be(expected.Replace("RUN", run.Folder, StringComparison.Ordinal) + "\n");
        Directory.Exists(output).Should().BeFalse("nothing is written when a value is bad");
    }

    [Fact]
    public async Task FitsEveryLineIn100Columns_WhenTheTerminalIsWider()
    {
        var user = await runs.RetailAsync();
        var task = await runs.RetailAsync(mode: Parley.Dialogues.DialogueMode.TaskOriented);

        var stats = await CliTester.RunAsync("stats", user.Folder, task.Folder);
        var domains = await CliTester.RunAsync("domains");

        stats.ExitCode.Should().Be(ExitCodes.Ok, stats.Error);
        stats.Out.Should().Contain("distinct openings").And.Contain("side by side");
        foreach (var output in new[] { stats.Out, domains.Out })
        {
            output.Split('\n').Should().OnlyContain(line => line.Length <= CliApp.MaxWidth);
        }
    }
}
