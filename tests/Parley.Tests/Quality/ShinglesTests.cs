using Parley.Dialogues;
using Parley.Quality;
using static Parley.Tests.TestDoubles.DialogueBuilder;

namespace Parley.Tests.Quality;

public sealed class ShinglesTests
{
    [Fact]
    public void ComputesJaccard_OfSortedSets()
    {
        Shingles.Jaccard([1, 2, 3, 4], [3, 4, 5, 6]).Should().BeApproximately(2.0 / 6, 1e-12);
        Shingles.Jaccard([1, 2], [1, 2]).Should().Be(1);
        Shingles.Jaccard([], []).Should().Be(0);
    }

    [Fact]
    public void IgnoresCaseAndPunctuation_InUserShingles()
    {
        var a = Shingles.OfUser(Simple("a", ["Hello, World! How are you?"]), 3);
        var b = Shingles.OfUser(Simple("b", ["hello world how ARE you"]), 3);

        a.Should().Equal(b).And.HaveCount(3).And.BeInAscendingOrder();
    }

    [Fact]
    public void KeepsOneShingle_WhenTextIsShorterThanAShingle()
    {
        Shingles.OfUser(Simple("a", ["Thanks"]), 3).Should().HaveCount(1);
        Shingles.OfUser(Of("a", [Say("no user")]), 3).Should().BeEmpty();
    }

    [Fact]
    public void NormalisesArgumentKeys_InCallTokens()
    {
        Shingles.CallToken(new FunctionCall("f", """{"B":1,"a":{"x":2}}""")).Should().Be("f(a,b)");
        Shingles.CallToken(new FunctionCall("f", "")).Should().Be("f()");
        Shingles.CallToken(new FunctionCall("f", "not json")).Should().Be("f(?)");
    }

    [Fact]
    public void DistinguishesCallOrder_InToolShingles()
    {
        var ab = Shingles.OfTools(Simple("x", ["hi"], ["a", "b"]), 2);
        var ba = Shingles.OfTools(Simple("y", ["hi"], ["b", "a"]), 2);

        ab.Should().HaveCount(3);
        Shingles.Jaccard(ab, ba).Should().Be(0);
    }
}
