using Parley.Cli;
using Parley.Environments;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Cli;

[Collection(ConsoleCollection.Name)]
public sealed class DomainsCommandTests
{
    [Fact]
    public async Task ListsEveryBuiltInDomainWithItsTools()
    {
        var result = await CliTester.RunAsync("domains");

        result.ExitCode.Should().Be(ExitCodes.Ok, result.Error);
        foreach (var name in DomainCatalog.BuiltIn.Names) result.Out.Should().Contain(name);
        var retail = DomainCatalog.BuiltIn.Get("retail");
        var writes = retail.Tools.Count(t => t.Access == Parley.Tools.ToolAccess.Write);
        result.Out.Should().Contain("tools (read/write)").And.MatchRegex($@"retail\s*│\s*{retail.Seed!.Tables.Count}\s*│\s*{retail.Tools.Count} \({retail.Tools.Count - writes}/{writes}\)");
    }
}
