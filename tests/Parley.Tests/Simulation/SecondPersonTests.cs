using Parley.Simulation;

namespace Parley.Tests.Simulation;

public sealed class SecondPersonTests
{
    [Theory]
    [InlineData("I never used it", "you never used it")]
    [InlineData("my trip was called off", "your trip was called off")]
    [InlineData("I'm not well enough to travel", "you're not well enough to travel")]
    [InlineData("I found it cheaper elsewhere, I've decided", "you found it cheaper elsewhere, you've decided")]
    [InlineData("the item arrived damaged", "the item arrived damaged")]
    public void RestatesTheUsersWordsToThem(string said, string restated) => SecondPerson.Of(said).Should().Be(restated);
}
