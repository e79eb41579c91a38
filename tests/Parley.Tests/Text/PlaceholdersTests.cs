using Parley.Text;

namespace Parley.Tests.Text;

public sealed class PlaceholdersTests
{
    [Fact]
    public void FillsNamesAndKeepsOtherBraces_WhenTheTemplateMixesThem()
    {
        var used = new List<string>();

        var text = Placeholders.Fill("{a} and {b}, {not a name} {{a}} {a", n => n.ToUpperInvariant(), used);

        text.Should().Be("A and B, {not a name} {A} {a");
        used.Should().Equal("a", "b");
    }

    [Fact]
    public void ReturnsNull_WhenANameHasNoValue()
    {
        Placeholders.Fill("{known} {unknown}", n => n == "known" ? "yes" : null).Should().BeNull();
    }

    // A hostile report template (1 MB of braces) took 94 s per dialogue when every '{' searched the rest of the text
    // for its '}'. The timeout only guards against a hang; a linear fill takes milliseconds.
    [Fact(Timeout = 30_000)]
    public void FillsAMegabyteOfUnclosedBraces_WithoutQuadraticWork()
    {
        var template = new string('{', 1 << 20) + "}";

        var text = Placeholders.Fill(template, _ => "x");

        text.Should().Be(template);
    }

    [Fact(Timeout = 30_000)]
    public void RecordsEachOfManyDistinctNamesOnce_WhenTheTemplateIsLarge()
    {
        var names = Enumerable.Range(0, 50_000).Select(i => $"n{i}").ToList();
        var template = string.Concat(names.Select(n => "{" + n + "}{" + n + "}"));
        var used = new List<string>();

        var text = Placeholders.Fill(template, _ => "", used);

        text.Should().BeEmpty();
        used.Should().Equal(names);
    }
}
