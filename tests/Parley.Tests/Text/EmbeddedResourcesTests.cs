using Parley.Text;

namespace Parley.Tests.Text;

public sealed class EmbeddedResourcesTests
{
    [Fact]
    public void ReadsAnEmbeddedFile_WithUnixLineEndings()
    {
        var text = EmbeddedResources.Read("Parley.Prompts/judge.md");

        text.Should().NotBeEmpty().And.NotContain("\r\n");
    }

    [Fact]
    public void ThrowsNamingTheFile_WhenNothingIsEmbeddedUnderTheName()
    {
        var read = () => EmbeddedResources.Read("Parley.Prompts/no-such-prompt.md");

        read.Should().Throw<InvalidOperationException>().WithMessage("*no-such-prompt.md*");
        EmbeddedResources.TryRead("Parley.Prompts/no-such-prompt.md").Should().BeNull();
    }

    [Fact]
    public void ListsTheNamesUnderAPrefix_InOrdinalOrder()
    {
        var names = EmbeddedResources.Names("Parley.Prompts/");

        names.Should().Contain(["Parley.Prompts/judge.md", "Parley.Prompts/user-simulator.yaml"]).And.BeInAscendingOrder(StringComparer.Ordinal);
        names.Should().OnlyContain(n => n.StartsWith("Parley.Prompts/", StringComparison.Ordinal));
    }
}
