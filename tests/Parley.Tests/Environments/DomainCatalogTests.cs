using Parley.Dialogues;
using Parley.Environments;
using Parley.Tests.TestDoubles;
using Parley.Tools;

namespace Parley.Tests.Environments;

public sealed class DomainCatalogTests
{
    [Fact]
    public void AssemblesDeclaration_WhenEveryFileIsWellFormed()
    {
        var spec = TinyDomain.Spec();

        spec.Id.Should().Be("tiny");
        spec.Domain.Should().Be("tiny");
        spec.Today.Should().Be("2025-01-10");
        spec.Policy.Should().Be("- Be brief.");
        spec.Description.Should().StartWith("A tiny stock room");
        spec.Seed!.Tables.Select(t => t.Table).Should().Equal("shelves", "items");
        spec.Tools.Should().Contain(t => t.Name == "add_item" && t.Access == ToolAccess.Write && t.Returns == ToolReturns.None);
        spec.Tools.Single(t => t.Name == "restock_low_item").Preconditions.Should().HaveCount(2)
            .And.Subject.First().Error.Should().Be(ToolErrorKind.NoRows);
        spec.Scenarios.Should().BeEmpty();
    }

    [Fact]
    public void ReportsFileAndLine_WhenYamlIsMalformed()
    {
        var files = TinyDomain.With("tools.yaml", "tools:\n  - name: broken\n    description: Broken.\n   sql: [SELECT 1]\n");

        var assemble = () => TinyDomain.Spec(files);

        assemble.Should().Throw<ParleyException>()
            .Which.Message.Should().StartWith("test/tiny/tools.yaml: line 4, column");
    }

    [Fact]
    public void RejectsUnknownKey_WhenToolsYamlHasATypo()
    {
        var files = TinyDomain.With("tools.yaml", TinyDomain.Tools.Replace("    returns: none\n", "    returns: none\n    acces: write\n", StringComparison.Ordinal));

        var assemble = () => TinyDomain.Spec(files);

        assemble.Should().Throw<ParleyException>().Which.Message.Should().Contain("acces").And.Contain("test/tiny");
    }

    [Fact]
    public void RejectsUnknownKey_WhenDomainYamlHasATypo()
    {
        var files = TinyDomain.With("domain.yaml", TinyDomain.DomainYaml + "\ntodya: \"2025-01-11\"\n");

        var assemble = () => TinyDomain.Spec(files);

        assemble.Should().Throw<ParleyException>().WithMessage("*todya*");
    }

    [Theory]
    [InlineData("domain.yaml")]
    [InlineData("schema.sql")]
    [InlineData("tools.yaml")]
    public void NamesTheMissingFile_WhenARequiredFileIsAbsent(string file)
    {
        var files = TinyDomain.With(file, null);

        var assemble = () => TinyDomain.Spec(files);

        assemble.Should().Throw<ParleyException>().WithMessage($"test/tiny/{file}: missing");
    }

    [Fact]
    public void Throws_WhenDomainYamlIsNotAMapping()
    {
        var files = TinyDomain.With("domain.yaml", "- just\n- a list\n");

        var assemble = () => TinyDomain.Spec(files);

        assemble.Should().Throw<ParleyException>().WithMessage("*domain.yaml*expected a mapping*");
    }

    [Fact]
    public void ReadsDomainFromDisk_AndNamesItAfterItsFolder()
    {
        using var temp = new TempDirectory();
        foreach (var (file, text) in TinyDomain.Files()) temp.Write(Path.Combine("stock_room", file), text!);

        var spec = DomainCatalog.ReadFolder(temp.Combine("stock_room") + Path.DirectorySeparatorChar);

        spec.Id.Should().Be("stock_room");
        spec.Domain.Should().Be("stock_room");
        spec.Tools.Select(t => t.Name).Should().Equal(TinyDomain.Spec().Tools.Select(t => t.Name));
        using var env = EnvironmentDatabase.Build(spec, 0);
        env.Data["items"].Rows.Should().HaveCount(3);
    }

    [Fact]
    public void ListsKnownDomains_WhenDomainIsUnknown()
    {
        var get = () => DomainCatalog.BuiltIn.Get("nope");

        get.Should().Throw<ParleyException>()
            .Which.Should().Match<ParleyException>(e => e.Code == "unknown_domain" && e.Message.Contains("retail") && e.Message.Contains("'nope'"));
    }
}
