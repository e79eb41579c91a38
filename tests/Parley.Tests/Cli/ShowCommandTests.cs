using Parley.Cli;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Cli;

[Collection(ConsoleCollection.Name)]
public sealed class ShowCommandTests(GeneratedRuns runs)
{
    [Fact]
    public async Task PrintsTheConversation_WhenGivenAnIndex()
    {
        var run = await runs.RetailAsync();
        var dialogue = run.Dialogues[0];

        var result = await CliTester.RunAsync("show", "0", "--out", run.Folder);

        result.ExitCode.Should().Be(ExitCodes.Ok, result.Error);
        result.Out.Should().StartWith($"# {dialogue.Id}").And.Contain("# verdict: passed").And.Contain("SYSTEM ")
            .And.Contain("\nUSER       ").And.Contain("\nASSISTANT  ").And.Contain("  → call   ").And.Contain("  ← result ");
    }

    [Fact]
    public async Task FindsTheDialogue_ByIdOrUniquePrefix()
    {
        var run = await runs.RetailAsync();
        var dialogue = run.Dialogues[3];

        var byId = await CliTester.RunAsync("show", dialogue.Id, "--out", run.Folder);
        var byPrefix = await CliTester.RunAsync("show", dialogue.Id[..^2], "--out", run.Folder);

        byId.ExitCode.Should().Be(ExitCodes.Ok);
        byId.Out.Should().StartWith($"# {dialogue.Id}");
        byPrefix.Out.Should().Be(byId.Out);
    }

    [Fact]
    public async Task ExitsNotFound_WhenNoDialogueMatches()
    {
        var run = await runs.RetailAsync();

        var result = await CliTester.RunAsync("show", "missing", "--out", run.Folder);

        result.ExitCode.Should().Be(ExitCodes.NotFound);
        result.Error.Should().Contain("no dialogue 'missing'");
    }

    [Fact]
    public async Task ExitsNotFound_WhenPrefixIsAmbiguous()
    {
        var run = await runs.RetailAsync();

        var result = await CliTester.RunAsync("show", "dlg-", "--out", run.Folder);

        result.ExitCode.Should().Be(ExitCodes.NotFound);
        result.Error.Should().Contain($"matches {GeneratedRuns.Count} dialogues");
    }
}
