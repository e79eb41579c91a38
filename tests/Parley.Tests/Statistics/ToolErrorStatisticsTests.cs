using Parley.Statistics;
using static Parley.Tests.TestDoubles.DialogueBuilder;

namespace Parley.Tests.Statistics;

public sealed class ToolErrorStatisticsTests
{
    [Fact]
    public void CountsAnErrorAsRecovered_OnlyWhenTheSameToolLaterSucceeds()
    {
        var dialogues = new[]
        {
            // a fails then succeeds (recovered); b fails and only c succeeds afterwards (not recovered)
            Of("1", [User("x"), Call("1", "a"), Error("1", "a"), Call("2", "a"), Result("2", "a"), Call("3", "b"), Error("3", "b", "invalid_arguments"), Call("4", "c"), Result("4", "c")]),
            // a succeeds before it fails: an earlier success recovers nothing
            Of("2", [User("y"), Call("1", "a"), Result("1", "a"), Call("2", "a"), Error("2", "a")]),
            Of("3", [User("z"), Call("1", "a"), Result("1", "a")]),
        };

        var errors = ToolErrorStatistics.Of(dialogues);

        errors.Should().BeEquivalentTo(new
        {
            ToolCalls = 7, Errors = 3, ErrorRate = 0.4286, Recovered = 1, RecoveryRate = 0.3333, DialoguesWithErrors = 2,
            ByKind = new Dictionary<string, int> { ["invalid_arguments"] = 1, ["no_rows"] = 2 },
        });
    }

    [Fact]
    public void RecoversEveryPendingError_OfTheToolThatSucceeds()
    {
        var dialogue = Of("1", [User("x"), Call("1", "a"), Error("1", "a"), Call("2", "a"), Error("2", "a"), Call("3", "a"), Result("3", "a")]);

        var errors = ToolErrorStatistics.Of([dialogue]);

        (errors.Errors, errors.Recovered, errors.RecoveryRate).Should().Be((2, 2, 1.0));
    }

    [Fact]
    public void IsAllZero_WithoutToolCalls()
    {
        ToolErrorStatistics.Of([Of("1", [User("hi"), Say("hello")])]).Should().BeEquivalentTo(new { ToolCalls = 0, Errors = 0, ErrorRate = 0.0, RecoveryRate = 0.0 });
    }
}
