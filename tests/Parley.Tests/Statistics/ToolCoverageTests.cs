using Parley.Statistics;
using static Parley.Tests.TestDoubles.DialogueBuilder;

namespace Parley.Tests.Statistics;

public sealed class ToolCoverageTests
{
    [Fact]
    public void CountsCallsPerDeclaredTool_AndListsUnusedOnes()
    {
        var dialogues = new[]
        {
            Of("1", [User("x"), Call("c1", "b"), Result("c1", "b"), Call("c2", "a"), Result("c2", "a")], tools: ["a", "b", "c"]),
            Of("2", [User("y"), Call("c1", "a"), Result("c1", "a")], tools: ["a", "b", "c"]),
            Of("3", [User("z"), Call("c1", "q"), Result("c1", "q")], domain: "hotel", tools: ["q"]),
        };

        var coverage = ToolCoverage.Of(dialogues);

        coverage.Select(c => c.Domain).Should().Equal("hotel", "retail");
        var retail = coverage[1];
        (retail.Declared, retail.Used, retail.Share).Should().Be((3, 2, 0.6667));
        retail.Calls.Should().Equal(new Dictionary<string, int> { ["a"] = 2, ["b"] = 1, ["c"] = 0 });
        retail.Calls.Keys.Should().Equal("a", "b", "c");
        retail.Unused.Should().Equal("c");
        coverage[0].Unused.Should().BeEmpty();
    }
}
