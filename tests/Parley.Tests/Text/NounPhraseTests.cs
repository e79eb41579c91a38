using Parley.Text;

namespace Parley.Tests.Text;

public sealed class NounPhraseTests
{
    [Theory]
    [InlineData("miles remaining", "remaining miles are")]
    [InlineData("seats left", "seats left are")]
    [InlineData("amount due", "amount due is")]
    [InlineData("working days", "working days are")]
    [InlineData("status", "status is")]
    [InlineData("email address", "email address is")]
    [InlineData("points balance", "points balance is")]
    public void PutsTheVerbThatAgreesWithTheHeadNoun(string label, string expected) => NounPhrase.WithVerb(label).Should().Be(expected);
}
