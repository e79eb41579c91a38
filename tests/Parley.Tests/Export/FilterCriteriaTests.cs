using Parley.Dialogues;
using Parley.Export;

namespace Parley.Tests.Export;

public sealed class FilterCriteriaTests
{
    [Theory]
    [InlineData("2-5", 2, 5)]
    [InlineData("-5", 0, 5)]
    [InlineData("3-", 3, int.MaxValue)]
    [InlineData("4-4", 4, 4)]
    [InlineData(null, 0, int.MaxValue)]
    public void ReadsTheRange_WhenEitherSideMayBeEmpty(string? text, int min, int max) =>
        FilterCriteria.Range(text, "--turns").Should().Be((min, max));

    [Fact]
    public void RefusesAnInvertedRange_NamingTheOptionAndBothBounds()
    {
        var refused = FluentActions.Invoking(() => FilterCriteria.Range("9-2", "--tool-calls")).Should().Throw<ParleyException>().Which;

        refused.Kind.Should().Be(ParleyErrorKind.Usage);
        refused.Message.Should().Be("--tool-calls: '9-2' is an empty range: MIN 9 is above MAX 2");
    }

    [Theory]
    [InlineData("ten")]
    [InlineData("1-2-3")]
    [InlineData("-1-4")]
    [InlineData("a-")]
    public void RefusesText_ThatIsNotMinMax(string text) =>
        FluentActions.Invoking(() => FilterCriteria.Range(text, "--turns")).Should().Throw<ParleyException>()
            .Which.Message.Should().StartWith("--turns: ").And.Contain("is not MIN-MAX");

    [Fact]
    public void ReadsJudgeScores_WhenEachNamesAScore()
    {
        FilterCriteria.JudgeScores(["user_naturalness=4", "agent_helpfulness = 2"], "--min-judge-score")
            .Should().BeEquivalentTo(new Dictionary<string, int> { ["user_naturalness"] = 4, ["agent_helpfulness"] = 2 });
    }

    [Fact]
    public void RefusesAnUnknownJudgeScore_ListingTheScores()
    {
        var refused = FluentActions.Invoking(() => FilterCriteria.JudgeScores(["naturalness=4"], "--min-judge-score")).Should().Throw<ParleyException>().Which;

        refused.Kind.Should().Be(ParleyErrorKind.Usage);
        refused.Message.Should().Be($"--min-judge-score: 'naturalness' is not one of {string.Join(", ", JudgeReport.ScoreNames)}");
    }

    [Theory]
    [InlineData("user_naturalness=6")]
    [InlineData("user_naturalness=0")]
    [InlineData("user_naturalness")]
    public void RefusesAJudgeMinimum_OutsideOneToFive(string value) =>
        FluentActions.Invoking(() => FilterCriteria.JudgeScores([value], "--min-judge-score")).Should().Throw<ParleyException>()
            .Which.Message.Should().Contain("MIN from 1 to 5");

    [Fact]
    public void ReadsTerminations_ByTheNamesTheDialoguesRecord()
    {
        FilterCriteria.Terminations(["user_ended", "max_turns"], "--termination").Should().Equal(TerminationReason.UserEnded, TerminationReason.MaxTurns);
        FilterCriteria.TerminationNames.Should().HaveCount(Enum.GetValues<TerminationReason>().Length).And.Contain("tool_server_lost");
    }

    [Fact]
    public void RefusesAnUnknownTermination_ListingEveryReason() =>
        FluentActions.Invoking(() => FilterCriteria.Terminations(["done"], "--termination")).Should().Throw<ParleyException>()
            .Which.Message.Should().Be($"--termination: 'done' is not one of {string.Join(", ", FilterCriteria.TerminationNames)}");
}
