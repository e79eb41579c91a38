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

        var result = await CliTester.RunAsync("show", run.Folder, "0");

        result.ExitCode.Should().Be(ExitCodes.Ok, result.Error);
        result.Out.Should().StartWith($"# {dialogue.Id}").And.Contain("# verdict: passed").And.Contain("SYSTEM ")
            .And.Contain("\nUSER       ").And.Contain("\nASSISTANT  ").And.Contain("  → call   ").And.Contain("  ← result ");
    }

    [Fact]
    public async Task FindsTheDialogue_ByIdOrUniquePrefix()
    {
        var run = await runs.RetailAsync();
        var dialogue = run.Dialogues[3];

        var byId = await CliTester.RunAsync("show", run.Folder, dialogue.Id);
        var byPrefix = await CliTester.RunAsync("show", run.Folder, dialogue.Id[..^2]);

        byId.ExitCode.Should().Be(ExitCodes.Ok);
        byId.Out.Should().StartWith($"# {dialogue.Id}");
        byPrefix.Out.Should().Be(byId.Out);
    }

    [Fact]
    public async Task ExitsNotFound_WhenNoDialogueMatches()
    {
        var run = await runs.RetailAsync();

        var result = await CliTester.RunAsync("show", run.Folder, "missing");

        result.ExitCode.Should().Be(ExitCodes.NotFound);
        result.Error.Should().Contain("no dialogue 'missing'");
    }

    [Fact]
    public async Task ExitsNotFound_WhenPrefixIsAmbiguous()
    {
        var run = await runs.RetailAsync();

        var result = await CliTester.RunAsync("show", run.Folder, "dlg-");

        result.ExitCode.Should().Be(ExitCodes.NotFound);
        result.Error.Should().Contain($"matches {GeneratedRuns.Count} dialogues");
    }

    [Fact]
    public async Task StillTakesTheRunFolderAsOut_InTheDeprecatedForm()
    {
        var run = await runs.RetailAsync();

        var current = await CliTester.RunAsync("show", run.Folder, "2");
        var former = await CliTester.RunAsync("show", "2", "--out", run.Folder);

        former.ExitCode.Should().Be(ExitCodes.Ok, former.Error);
        former.Out.Should().Be(current.Out);
    }

    [Fact]
    public async Task ExitsWithUsageError_WhenTheDialogueIsNotNamed()
    {
        var run = await runs.RetailAsync();

        var result = await CliTester.RunAsync("show", run.Folder);

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.Error.Should().Be("error: dialogue-id: name the dialogue after the run folder: parley show RUN ID\n");
    }
}
