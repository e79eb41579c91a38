using System.Text.Json;
using Parley.Cli;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Cli;

[Collection(ConsoleCollection.Name)]
public sealed class StatsCommandTests(GeneratedRuns runs) : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task PrintsATablePerModeAndDomain_WhenGivenARunFolder()
    {
        var run = await runs.RetailAsync();

        var result = await CliTester.RunAsync("stats", run.Folder);

        result.ExitCode.Should().Be(ExitCodes.Ok, result.Error);
        result.Out.Should().Contain("user-oriented").And.Contain("retail").And.Contain("100.0%").And.Contain("distinct openings").And.Contain("distinct user");
    }

    [Fact]
    public async Task PrintsJson_WhenAskedFor()
    {
        var run = await runs.RetailAsync();

        var result = await CliTester.RunAsync("stats", run.Folder, "--json");

        result.ExitCode.Should().Be(ExitCodes.Ok, result.Error);
        using var json = JsonDocument.Parse(result.Out);
        json.RootElement.EnumerateObject().Select(p => p.Name).Should().Equal("runs", "comparison");
        var run0 = json.RootElement.GetProperty("runs")[0];
        run0.GetProperty("run").GetString().Should().Be(run.Folder);
        var statistics = run0.GetProperty("statistics");
        statistics.EnumerateObject().Select(p => p.Name).Should().Equal("groups", "distributions", "coverage", "errors", "terminations", "habits");
        statistics.GetProperty("distributions").EnumerateObject().Select(p => p.Name).Should().Equal("turns", "user_turns", "assistant_turns", "tool_calls", "tasks", "tokens");
        var tokens = statistics.GetProperty("distributions").GetProperty("tokens");
        tokens.GetProperty("count").GetInt32().Should().Be(GeneratedRuns.Count);
        tokens.GetProperty("buckets").EnumerateArray().Sum(b => b.GetProperty("count").GetInt32()).Should().Be(GeneratedRuns.Count);
        tokens.GetProperty("summary").GetProperty("mean").GetDouble().Should().BePositive();
        statistics.GetProperty("coverage")[0].GetProperty("calls").EnumerateObject().Should().NotBeEmpty();
        statistics.GetProperty("errors").GetProperty("recovery_rate").ValueKind.Should().Be(JsonValueKind.Number);
        statistics.GetProperty("terminations").GetProperty("user_ended").GetInt32().Should().Be(GeneratedRuns.Count);
        var groups = statistics.GetProperty("groups");
        groups.EnumerateArray().Select(g => (g.GetProperty("mode").GetString(), g.GetProperty("domain").GetString()))
            .Should().Equal(("user-oriented", "all"), ("user-oriented", "retail"));
        groups[0].GetProperty("dialogues").GetInt32().Should().Be(GeneratedRuns.Count);
        groups[0].GetProperty("pass_rate").GetDouble().Should().Be(1);
    }

    [Fact]
    public async Task ComparesTwoRunsSideBySide_WithTheRatio()
    {
        var user = await runs.RetailAsync();
        var task = await runs.RetailAsync(mode: Parley.Dialogues.DialogueMode.TaskOriented);

        var text = await CliTester.RunAsync("stats", user.Folder, task.Folder);
        var json = await CliTester.RunAsync("stats", user.Folder, task.Folder, "--json");

        text.ExitCode.Should().Be(ExitCodes.Ok, text.Error);
        text.Out.Should().Contain("side by side").And.Contain("ratio").And.Contain("distinct user messages").And.Contain("×")
            .And.Contain("tokens: mean").And.Contain("tool errors:").And.Contain("terminations: user_ended");
        using var document = JsonDocument.Parse(json.Out);
        document.RootElement.GetProperty("runs").GetArrayLength().Should().Be(2);
        var comparison = document.RootElement.GetProperty("comparison");
        comparison.GetProperty("columns").EnumerateArray().Select(c => c.GetString()).Should().Equal("user-oriented", "task-oriented");
        var turns = comparison.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("metric").GetString() == "turns");
        turns.GetProperty("ratio").GetDouble().Should().BeGreaterThan(1);
    }

    [Fact]
    public async Task FitsEveryTableIn100Columns_WithoutSplittingAWord_WhenTheConsoleIsNarrow()
    {
        var user = await runs.RetailAsync();
        var task = await runs.RetailAsync(mode: Parley.Dialogues.DialogueMode.TaskOriented);

        var result = await CliTester.RunAsync(100, "stats", user.Folder, task.Folder);

        result.ExitCode.Should().Be(ExitCodes.Ok, result.Error);
        var lines = result.Out.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        lines.Should().OnlyContain(l => l.Length <= 100);
        lines.Should().Contain(l => l.Contains("│ user-oriented")).And.Contain(l => l.Contains("│ task-oriented"));
        lines.Where(l => l.Contains("-orient", StringComparison.Ordinal)).Should().OnlyContain(l => l.Contains("user-oriented") || l.Contains("task-oriented"));
        var words = string.Join(" ", lines).Split([' ', '│'], StringSplitOptions.RemoveEmptyEntries);
        words.Should().NotContain(w => w == "user-" || w == "task-" || w == "d" || w == "oriented");
    }

    [Fact]
    public async Task KeepsEveryFigureOnOneLine_WhenADomainNameIsLong()
    {
        var script = _temp.Write("neighbourhood_tool_lending_library.sql", """
            CREATE TABLE member (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT);
            CREATE TABLE tool (id INTEGER PRIMARY KEY, name TEXT NOT NULL, available INTEGER NOT NULL DEFAULT 1);
            CREATE TABLE loan (id INTEGER PRIMARY KEY, member_id INTEGER REFERENCES member(id), tool_id INTEGER REFERENCES tool(id), due TEXT);
            INSERT INTO member VALUES (1, 'Ann', 'ann@example.org'), (2, 'Bo', 'bo@example.org');
            INSERT INTO tool VALUES (1, 'drill', 1), (2, 'ladder', 0);
            INSERT INTO loan VALUES (1, 2, 2, '2025-01-20');
            """);
        var run = _temp.Combine("long");
        var generated = await CliTester.RunAsync("generate", "--from-db", script, "-n", "2", "--out", run, "--progress", "none");
        generated.ExitCode.Should().Be(ExitCodes.Ok, generated.Error);

        var result = await CliTester.RunAsync(100, "stats", run);

        result.ExitCode.Should().Be(ExitCodes.Ok, result.Error);
        var lines = result.Out.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        lines.Should().OnlyContain(l => l.Length <= 100);
        lines.Should().Contain(l => l.Contains("│ dialogues │") && l.Contains("│ turns (med.) │"), "headers are whole")
            .And.Contain(l => l.Contains("│ distinct user │") && l.Contains("│ distinct openings │"));
        lines.Where(l => l.Contains("│ user-oriented │")).Should().HaveCount(4).And.OnlyContain(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"│ \d+\.\d% +│"),
            "a figure never wraps: the long domain name does");
        lines.Should().NotContain(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"│ % +│"));
        string.Concat(lines.Select(l => l.Split('│', StringSplitOptions.TrimEntries).ElementAtOrDefault(2))).Should().Contain("neighbourhood_tool_lending_library");
    }

    [Fact]
    public async Task ExitsWithAnError_WhenFolderIsNotARun()
    {
        var result = await CliTester.RunAsync("stats", _temp.Path);

        result.ExitCode.Should().NotBe(ExitCodes.Ok);
        result.Error.Should().Contain("no dialogues.jsonl here; is this a run folder?");
    }

    [Fact]
    public async Task ExitsNotFound_WhenRunFolderDoesNotExist()
    {
        var result = await CliTester.RunAsync("stats", _temp.Combine("missing-run"));

        result.ExitCode.Should().Be(ExitCodes.NotFound);
    }

    [Fact]
    public async Task SummarisesTheRun_WhenSomeDialoguesFailedPlanning()
    {
        foreach (var (file, text) in TinyDomain.Files()) _temp.Write(Path.Combine("tiny", file), text!);
        var output = _temp.Combine("run");
        (await CliTester.RunAsync("generate", "--from", _temp.Combine("tiny"), "-n", "2", "--out", output, "-q")).ExitCode.Should().Be(ExitCodes.Ok);

        var stats = await CliTester.RunAsync("stats", output);
        var show = await CliTester.RunAsync("show", output, "0");

        stats.ExitCode.Should().Be(ExitCodes.Ok, stats.Error);
        show.ExitCode.Should().Be(ExitCodes.NotFound, "a dialogue that never started cannot be shown");
        show.Error.Should().Contain("no dialogue '0'");
    }
}
