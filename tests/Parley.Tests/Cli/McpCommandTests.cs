using Parley.Cli;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Cli;

[Collection(ConsoleCollection.Name)]
public sealed class McpCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task ExitsWithToolServerUnavailableAndOneLine_WhenTheMcpServerNeverStarts()
    {
        var result = await CliTester.RunAsync("generate", "-n", "2", "--from-mcp", "/nonexistent/mcp-server --stdio", "--out", _temp.Combine("run"), "--progress", "none");

        result.ExitCode.Should().Be(ExitCodes.ToolServerUnavailable);
        result.Error.Trim().Should().StartWith("error: MCP server '/nonexistent/mcp-server --stdio' is not available").And.NotContain("\n");
        Directory.Exists(Path.Combine(_temp.Combine("run"), "environments")).Should().BeFalse("nothing is written when there is no environment");
    }

    [Fact]
    public async Task RefusesAnUnknownEnvironment_WhenServing()
    {
        var result = await CliTester.RunAsync("mcp", "serve", "--env", "no_such_domain");

        result.ExitCode.Should().Be(ExitCodes.Usage);
        result.Error.Should().Contain("unknown domain 'no_such_domain'");
    }
}
