using Parley.Dialogues;

namespace Parley.Tests.Dialogues;

public sealed class CheckNameTests
{
    [Fact]
    public void WritesEveryCheckAsRunFilesAlwaysHave()
    {
        Enum.GetValues<CheckKind>().Select(k => new CheckName(k).ToString()).Should().Equal(
            "planning", "augment", "llm", "mcp", "messages", "tool_calls", "tool_call_ids", "termination", "end_state", "calls",
            "state_probe", "grounding", "judge", "judge_unavailable");
        new CheckName(CheckKind.EndState, 2).ToString().Should().Be("end_state[2]");
        new CheckName(CheckKind.Calls, 0).Label.Should().Be("calls");
    }

    [Fact]
    public void WritesAProblemAsCheckColonDetail()
    {
        var problem = new Problem(new CheckName(CheckKind.EndState, 1), "task t1: state a differs from expected b");

        problem.Check.Should().Be("end_state[1]");
        problem.ToString().Should().Be("end_state[1]: task t1: state a differs from expected b");
    }

    [Fact]
    public void ListsTheFailedChecksOfAVerdictAsProblems()
    {
        var verdict = new Verdict([new CheckResult(new CheckName(CheckKind.Messages), true), new CheckResult(new CheckName(CheckKind.EndState, 0), false, "differs"),
            new CheckResult("custom", false, "a custom verifier's own check")]);

        verdict.Problems.Should().Equal(new Problem("end_state[0]", "differs"), new Problem("custom", "a custom verifier's own check"));
        verdict.Failures.Should().Equal("end_state[0]: differs", "custom: a custom verifier's own check");
    }
}
