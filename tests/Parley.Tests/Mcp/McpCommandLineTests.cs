using Parley.Mcp;

namespace Parley.Tests.Mcp;

public sealed class McpCommandLineTests
{
    [Fact]
    public void SplitsQuotesAndTakesLeadingAssignmentsAsEnvironment_WhenParsingACommandLine()
    {
        var line = McpCommandLine.Parse("""MEMORY_FILE_PATH={scratch}/m.jsonl DEBUG=1 node "/opt/my server/index.js" --name 'a b' c\ d""", "/tmp/x");

        line.Program.Should().Be("node");
        line.Arguments.Should().Equal("/opt/my server/index.js", "--name", "a b", "c d");
        line.Environment.Should().BeEquivalentTo(new Dictionary<string, string?> { ["MEMORY_FILE_PATH"] = "/tmp/x/m.jsonl", ["DEBUG"] = "1" });
    }

    [Fact]
    public void Throws_WhenTheLineNamesNoProgramOrHasAnOpenQuote()
    {
        FluentActions.Invoking(() => McpCommandLine.Parse("A=1", "/tmp")).Should().Throw<ParleyException>().WithMessage("*names no program*");
        FluentActions.Invoking(() => McpCommandLine.Parse("node 'x", "/tmp")).Should().Throw<ParleyException>().WithMessage("*unclosed quote*");
    }
}
