using Parley.Dialogues;
using Parley.Environments;
using Parley.Generation;

namespace Parley.Tests.Generation;

public sealed class EnvironmentMatcherTests
{
    private static readonly EnvironmentMatcher Matcher = new(DomainCatalog.BuiltIn.Names.Select(DomainCatalog.BuiltIn.Get));

    private static SourceChat Chat(string text) => new(1, "openai", null, [new UserMessage { Content = text }, new AssistantMessage { Content = "Sure." }]);

    [Theory]
    [InlineData("My flight next week leaves early; can I change the seat?", "airline")]
    [InlineData("I want to borrow a book and renew my loans.", "library")]
    [InlineData("I'd like to book a room with a view for two nights.", "hotel")]
    public void ChoosesTheEnvironment_WhoseWordsTheChatShares(string text, string expected)
    {
        var (environment, matched) = Matcher.Choose(Chat(text), 0);

        environment.Id.Should().Be(expected);
        matched.Should().NotBeEmpty();
    }

    [Fact]
    public void GoesRoundTheEnvironments_WhenNothingMatches()
    {
        var chosen = Enumerable.Range(0, 8).Select(p => Matcher.Choose(Chat("Lovely weather, isn't it?"), p).Environment.Id).ToList();

        chosen.Should().OnlyHaveUniqueItems().And.BeEquivalentTo(DomainCatalog.BuiltIn.Names);
    }
}
