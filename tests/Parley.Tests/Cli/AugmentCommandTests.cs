using Parley.Cli;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Cli;

[Collection(ConsoleCollection.Name)]
public sealed class AugmentCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task AugmentsAChatsFile_AndResumesIt()
    {
        var chats = _temp.Write("chats.jsonl", ToolFreeChats.Jsonl(4));
        var output = _temp.Combine("run");

        var first = await CliTester.RunAsync("augment", "--from", chats, "-n", "2", "--out", output, "-q");
        var again = await CliTester.RunAsync("augment", "--resume", output, "-q");

        first.ExitCode.Should().Be(ExitCodes.Ok, first.Error);
        first.Out.Should().Contain("2 kept");
        again.ExitCode.Should().Be(ExitCodes.Ok, again.Error);
        File.ReadLines(Path.Combine(output, "dialogues.jsonl")).Should().HaveCount(2);
    }

    [Fact]
    public async Task SaysWhatIsMissing_WithoutAChatsFile()
    {
        var result = await CliTester.RunAsync("augment", "--out", _temp.Combine("run"));

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.Error.Should().Contain("--from");
    }

    [Fact]
    public async Task NamesTheLine_OfABadChat()
    {
        var chats = _temp.Write("chats.jsonl", "{\"messages\": [{\"role\": \"tool\", \"content\": \"x\"}]}\n");

        var result = await CliTester.RunAsync("augment", "--from", chats, "--out", _temp.Combine("run"));

        result.ExitCode.Should().Be(ExitCodes.InvalidInput);
        result.Error.Should().Contain("chats.jsonl:1");
    }
}
