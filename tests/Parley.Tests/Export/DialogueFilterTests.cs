using Parley.Dialogues;
using Parley.Export;
using Parley.Quality;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Export;

public sealed class DialogueFilterTests(GeneratedRuns runs)
{
    [Fact]
    public async Task KeepsExactlyTheDialoguesInRange_WhenFilteringByTurnsAndToolCalls()
    {
        var dialogues = (await runs.RetailAsync()).Dialogues;
        var turns = dialogues.Select(d => d.Metadata.Counts.Turns).Order().ToList();
        var (low, high) = (turns[turns.Count / 4], turns[3 * turns.Count / 4]);
        var filter = new DialogueFilter { Turns = (low, high), ToolCalls = (1, int.MaxValue) };

        var kept = dialogues.Where(d => filter.Reasons(d).Count == 0).ToList();

        kept.Should().NotBeEmpty().And.OnlyContain(d => d.Metadata.Counts.Turns >= low && d.Metadata.Counts.Turns <= high);
        dialogues.Except(kept).Should().OnlyContain(d => filter.Reasons(d).Any(r => r.Contains("turns", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task GivesEveryUnmetCriterion_WhenADialogueFailsSeveral()
    {
        var dialogue = (await runs.RetailAsync()).Dialogues[0];
        dialogue = dialogue with { Metadata = dialogue.Metadata with { Verdict = new Verdict([new CheckResult("end_state[0]", false, "differs")]) } };
        var filter = new DialogueFilter { Domains = ["airline"], Terminations = [TerminationReason.MaxTurns] };

        filter.Reasons(dialogue).Should().HaveCount(3)
            .And.Contain(r => r.Contains("verification", StringComparison.Ordinal))
            .And.Contain(r => r.Contains("domain retail", StringComparison.Ordinal))
            .And.Contain(r => r.Contains("termination", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DropsByJudgeScore_WhenBelowTheMinimumOrNotJudged()
    {
        var dialogue = (await runs.RetailAsync()).Dialogues[0];
        Dialogue Judged(int naturalness) => dialogue with
        {
            Metadata = dialogue.Metadata with
            {
                Verdict = dialogue.Metadata.Verdict! with { Judge = new JudgeReport { Judgment = JudgeReport.Valid, Passed = true, Prompt = "judge.md@test", Scores = new Dictionary<string, int> { ["user_naturalness"] = naturalness } } },
            },
        };
        var filter = new DialogueFilter { MinJudgeScores = new Dictionary<string, int> { ["user_naturalness"] = 4 } };

        filter.Reasons(Judged(5)).Should().BeEmpty();
        filter.Reasons(Judged(3)).Should().ContainSingle().Which.Should().Contain("below 4");
        filter.Reasons(dialogue).Should().ContainSingle().Which.Should().Contain("no judge score user_naturalness");
    }

    [Fact]
    public async Task KeepsEverything_WhenNoCriterionIsSet()
    {
        var dialogues = (await runs.RetailAsync()).Dialogues;

        dialogues.Should().OnlyContain(d => new DialogueFilter().Reasons(d).Count == 0);
    }

    [Fact]
    public async Task KeepsTheFirstDuplicateThatMeetsTheOtherCriteria_WhenDeduplicating()
    {
        var original = (await runs.RetailAsync()).Dialogues[0];
        var failed = original with { Id = "failed", Metadata = original.Metadata with { Verdict = new Verdict([new CheckResult("end_state[0]", false)]) } };
        var dialogues = new[] { failed, original with { Id = "second" }, original with { Id = "third" } };

        var results = new DialogueFilter { Deduplicate = new DeduplicationOptions() }.Apply(dialogues);

        results.Select(r => (r.Dialogue.Id, string.Join("; ", r.Reasons))).Should().Equal(
            ("failed", "verification did not pass"), ("second", ""), ("third", "near_duplicate_of:second"));
        new DialogueFilter().Apply(dialogues).Count(r => r.Reasons.Count == 0).Should().Be(2, "without deduplication both copies are kept");
    }
}
