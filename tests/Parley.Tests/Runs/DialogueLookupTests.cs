using Parley.Runs;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Runs;

public sealed class DialogueLookupTests(GeneratedRuns runs)
{
    [Fact]
    public async Task FindsTheDialogue_ByIdIndexOrUniquePrefix()
    {
        var run = await runs.RetailAsync();
        var dialogue = run.Dialogues[4];

        DialogueLookup.Find(run.Folder, dialogue.Id).Id.Should().Be(dialogue.Id);
        DialogueLookup.Find(run.Folder, dialogue.Metadata.Index.ToString(System.Globalization.CultureInfo.InvariantCulture)).Id.Should().Be(dialogue.Id);
        DialogueLookup.Find(run.Folder, dialogue.Id[..^2]).Id.Should().Be(dialogue.Id);
    }

    [Theory]
    [InlineData("missing", "no dialogue 'missing'")]
    [InlineData("dlg-", "'dlg-' matches 30 dialogues")]
    public async Task ReportsNotFound_WhenNoneOrSeveralMatch(string key, string message)
    {
        var run = await runs.RetailAsync();

        var refused = FluentActions.Invoking(() => DialogueLookup.Find(run.Folder, key)).Should().Throw<ParleyException>().Which;

        refused.Kind.Should().Be(ParleyErrorKind.NotFound);
        refused.Message.Should().Contain(message);
    }

    [Fact]
    public void ReportsNotFound_WhenTheFolderHoldsNoRun()
    {
        using var temp = new TempDirectory();

        FluentActions.Invoking(() => DialogueLookup.Find(temp.Path, "0")).Should().Throw<ParleyException>().Which.Kind.Should().Be(ParleyErrorKind.NotFound);
        FluentActions.Invoking(() => DialogueLookup.Find(temp.Combine("none"), "0")).Should().Throw<ParleyException>().Which.Kind.Should().Be(ParleyErrorKind.NotFound);
    }
}
