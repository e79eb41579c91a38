using Parley.Cli;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Cli;

[Collection(ConsoleCollection.Name)]
public sealed class ImportAndReportEvalTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task ImportsTau2_EvaluatesTheTasks_AndReportsTheEvaluation()
    {
        var source = Tau2Fixture.Write(_temp.Combine("retail"));
        var env = _temp.Combine("env");
        var evaluation = _temp.Combine("eval");

        var imported = await CliTester.RunAsync("import", "tau2", source, "--out", env);
        var evaluated = await CliTester.RunAsync("eval", "--from", env, "--trials", "2", "--agent", "read-only", "--out", evaluation, "--progress", "none");
        var reported = await CliTester.RunAsync("report", evaluation);

        imported.ExitCode.Should().Be(ExitCodes.Ok, imported.Error);
        imported.Out.Should().Contain("4 of 7 tasks imported").And.Contain("not imported: task 5: uses the tool 'book_flight'");
        evaluated.ExitCode.Should().Be(ExitCodes.Ok, evaluated.Error);
        evaluated.Out.Should().Contain("pass^1 = 0.000").And.Contain("agent.missing_write: 8");
        reported.ExitCode.Should().Be(ExitCodes.Ok, reported.Error);
        var html = await File.ReadAllTextAsync(Path.Combine(evaluation, "report.html"), TestContext.Current.CancellationToken);
        html.Should().Contain("id=\"pass-hat-k\"").And.Contain("agent.missing_write").And.Contain("tau2-retail");
    }

    [Fact]
    public async Task IsNotFound_WhenTheTau2FilesAreMissing()
    {
        var result = await CliTester.RunAsync("import", "tau2", _temp.Path, "--out", _temp.Combine("env"));

        result.ExitCode.Should().Be(ExitCodes.NotFound);
        result.Error.Should().Contain("no db.json");
    }
}
