using Parley.Text;

namespace Parley.Tests.Text;

public sealed class PluralsTests
{
    [Theory]
    [InlineData("for 1 guest(s)", "for 1 guest")]
    [InlineData("for 2 guest(s)", "for 2 guests")]
    [InlineData("(3 working day(s))", "(3 working days)")]
    [InlineData("1 working day(s) and 0 copy(s)", "1 working day and 0 copies")]
    [InlineData("2.5 hour(s)", "2.5 hours")]
    [InlineData("How many seat(s) are left?", "How many seats are left?")]
    [InlineData("2 box(s)", "2 boxes")]
    [InlineData("no marker here (see above)", "no marker here (see above)")]
    public void AgreesWithTheNumberBefore_WhenATemplateMarksAPlural(string text, string expected) =>
        Plurals.Resolve(text).Should().Be(expected);

    [Fact]
    public void ResolvesMarkersInFilledPlaceholders()
    {
        Placeholders.Fill("{n} night(s)", _ => "1").Should().Be("1 night");
        Placeholders.Fill("{n} night(s)", _ => "4").Should().Be("4 nights");
    }
}
