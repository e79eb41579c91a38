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

    [Fact]
    public void RendersEveryPlaceholderByteForByte_WhenEachHasAValue()
    {
        var values = new Dictionary<string, string> { ["n"] = "2", ["what"] = "task(s) {n}" };

        Placeholders.Render("up to {n} {what}, {\"json\": 1}", values, "t").Should().Be("up to 2 task(s) {n}, {\"json\": 1}");
    }

    [Fact]
    public void ThrowsNamingThePlaceholder_WhenTheTemplateNamesOneWithoutAValue()
    {
        var render = () => Placeholders.Render("Hello {name}, {unknown}", new Dictionary<string, string> { ["name"] = "Ann" }, "greeting.md");

        render.Should().Throw<InvalidOperationException>().WithMessage("greeting.md: no value for the placeholder {unknown}");
    }

    [Fact]
    public void KeepsAnEscapedPlaceholderLiteral_WhenRendering()
    {
        Placeholders.Render("say \\{fact} for {x}", new Dictionary<string, string> { ["x"] = "y" }, "t").Should().Be("say {fact} for y");
    }

    [Fact]
    public void FillsDoubledBracesOnly_WhenTheTemplateUsesThem()
    {
        var text = Placeholders.Render("<style>a{b:c}</style>{{title}} {x}", new Dictionary<string, string> { ["title"] = "T" }, "report.html", doubled: true);

        text.Should().Be("<style>a{b:c}</style>T {x}");
    }

    [Fact]
    public void SubstitutesKnownNamesAndKeepsTheRest_WithoutPluralAgreement()
    {
        Placeholders.Substitute("{a} item(s), {b}", n => n == "a" ? "1" : null).Should().Be("1 item(s), {b}");
    }
}
