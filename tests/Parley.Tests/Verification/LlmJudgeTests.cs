using System.Text.Json;
using Microsoft.Extensions.AI;
using Parley.Determinism;
using Parley.Dialogues;
using Parley.Generation;
using Parley.Llm;
using Parley.Serialization;
using Parley.Tests.TestDoubles;
using Parley.Verification;

namespace Parley.Tests.Verification;

public sealed class LlmJudgeTests(BuiltEnvironments environments)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly LlmRoleSettings Settings = new() { Model = "judge-test", MaxRepairs = 1 };

    private const string Valid = """
        {"reasoning": "The user got everything.", "issues": [
          {"severity": "structural", "description": "Message 3 looks the account up twice."},
          {"severity": "non_critical", "description": "Message 5 is terse."}],
         "scores": {"user_naturalness": 4, "user_rule_adherence": 5, "agent_helpfulness": 3}, "judgment": "valid"}
        """;

    private const string Invalid = """
        {"reasoning": "The refund amount is invented.", "issues": [
          {"severity": "critical", "description": "Message 9 states a refund no tool returned."},
          {"severity": "non_critical", "description": "Message 2 is long."}],
         "scores": {"user_naturalness": 3, "user_rule_adherence": 4, "agent_helpfulness": 2}, "judgment": "invalid"}
        """;

    private async Task<VerificationContext> ContextAsync()
    {
        var outcome = await DialogueGenerator.RuleBased.GenerateAsync(environments.Retail, 0, StableSeed.DialogueId(9, 0), StableSeed.Derive(9, "dialogue", 0),
            DialogueMode.UserOriented, TaskCountDistribution.Default, new GenerationOptions { Output = "unused" }, Ct);
        outcome.Kept.Should().BeTrue(string.Join("; ", outcome.Problems));
        return new VerificationContext(outcome.Dialogue!, outcome.Tasks, environments.Retail.Tools);
    }

    private static DialogueVerifier Verifier(ScriptedChatClient client) => DialogueVerifier.Default.WithJudge(new LlmJudge(client, Settings));

    [Fact]
    public async Task RejectsTheDialogue_WhenAnIssueIsCritical()
    {
        var verdict = await Verifier(new ScriptedChatClient().Reply(Invalid)).VerifyAsync(await ContextAsync(), Ct);

        verdict.Passed.Should().BeFalse();
        verdict.Checks.Should().Contain(c => c.Name == "end_state[0]" && c.Passed, "the judge adds to the state checks");
        var judge = verdict.Checks.Single(c => c.Name == "judge");
        judge.Passed.Should().BeFalse();
        judge.Detail.Should().Be("Message 9 states a refund no tool returned.");
        verdict.Judge!.Judgment.Should().Be("invalid");
        verdict.Judge.Issues.Select(i => i.Severity).Should().Equal(JudgeSeverity.Critical, JudgeSeverity.NonCritical);
    }

    [Fact]
    public async Task KeepsTheDialogueWithNotes_WhenNoIssueIsCritical()
    {
        var verdict = await Verifier(new ScriptedChatClient().Reply(Valid)).VerifyAsync(await ContextAsync(), Ct);

        verdict.Passed.Should().BeTrue();
        verdict.Checks.Single(c => c.Name == "judge").Detail.Should().Be("notes: [structural] Message 3 looks the account up twice.; [non_critical] Message 5 is terse.");
        verdict.Judge!.Scores.Should().BeEquivalentTo(new Dictionary<string, int> { ["user_naturalness"] = 4, ["user_rule_adherence"] = 5, ["agent_helpfulness"] = 3 });
        verdict.Judge.Reasoning.Should().Be("The user got everything.");
        verdict.Judge.Prompt.Should().Be($"{PromptLibrary.Get("judge.md").Tag} {PromptLibrary.Get("judge.yaml").Tag} {PromptLibrary.Get("structured-output.yaml").Tag} model=judge-test");
    }

    [Fact]
    public async Task WritesScoresAndIssuesIntoTheDialogueMetadata()
    {
        var context = await ContextAsync();
        var verdict = await Verifier(new ScriptedChatClient().Reply(Valid)).VerifyAsync(context, Ct);
        var dialogue = context.Dialogue with { Metadata = context.Dialogue.Metadata with { Verdict = verdict } };

        var json = JsonSerializer.Serialize(dialogue, DialogueJsonContext.Default.Dialogue);

        json.Should().Contain("\"judge\":{\"judgment\":\"valid\",\"passed\":true,\"scores\":{\"user_naturalness\":4,\"user_rule_adherence\":5,\"agent_helpfulness\":3},\"issues\":[{\"severity\":\"structural\"");
        var back = JsonSerializer.Deserialize(json, DialogueJsonContext.Default.Dialogue)!;
        back.Metadata.Verdict!.Judge.Should().BeEquivalentTo(verdict.Judge);
    }

    [Fact]
    public async Task LeavesRuleBasedVerdictsAsTheyWere_WhenNoJudgeRuns()
    {
        var context = await ContextAsync();

        var json = JsonSerializer.Serialize(context.Dialogue, DialogueJsonContext.Default.Dialogue);

        json.Should().NotContain("\"judge\":{");
        context.Dialogue.Metadata.Verdict!.Judge.Should().BeNull();
    }

    [Fact]
    public async Task SkipsTheJudge_WhenOtherChecksAlreadyFailed()
    {
        var context = await ContextAsync();
        var broken = context with { Tasks = [.. context.Tasks.Select(t => t with { ExpectedEndState = "0000" })] };
        var client = new ScriptedChatClient();

        var verdict = await Verifier(client).VerifyAsync(broken, Ct);
        var judged = await DialogueVerifier.Default.WithJudge(new LlmJudge(client.Reply(Valid), Settings), judgeRejected: true).VerifyAsync(broken, Ct);

        verdict.Passed.Should().BeFalse();
        verdict.Judge.Should().BeNull();
        client.Requests.Should().ContainSingle("only the verifier asked to judge rejected dialogues calls the model");
        judged.Judge!.Judgment.Should().Be("valid");
    }

    [Fact]
    public async Task AsksForARepair_WhenTheReplyIsMalformedOrInconsistent()
    {
        var client = new ScriptedChatClient()
            .Reply("The dialogue looks fine to me.")
            .Reply(Valid);
        var inconsistent = new ScriptedChatClient()
            .Reply(Valid.Replace("\"judgment\": \"valid\"", "\"judgment\": \"invalid\"", StringComparison.Ordinal))
            .Reply(Valid);

        var verdict = await Verifier(client).VerifyAsync(await ContextAsync(), Ct);
        var second = await Verifier(inconsistent).VerifyAsync(await ContextAsync(), Ct);

        verdict.Passed.Should().BeTrue();
        client.Requests.Should().HaveCount(2);
        client.Requests[1].Messages[^1].Text.Should().Contain("could not be used");
        second.Passed.Should().BeTrue();
        inconsistent.Requests[1].Messages[^1].Text.Should().Contain("no issue is critical");
    }

    [Fact]
    public async Task RejectsWithJudgeUnavailable_WhenTheJudgeGivesNoJudgment()
    {
        var garbled = new ScriptedChatClient { Respond = (_, _) => new ChatResponse(new ChatMessage(ChatRole.Assistant, "no idea")) { Usage = new UsageDetails { InputTokenCount = 10, OutputTokenCount = 2 } } };
        var down = new ScriptedChatClient().Throw(new LlmException(LlmFailureKind.ServerError, "503 from the endpoint"));

        var flagged = await Verifier(garbled).VerifyAsync(await ContextAsync(), Ct);
        var unreachable = await Verifier(down).VerifyAsync(await ContextAsync(), Ct);

        flagged.Passed.Should().BeFalse("a dialogue the judge could not judge is never kept as judged");
        flagged.Failures.Should().Equal("judge_unavailable: the judge's model gave no judgment (invalid_json)");
        flagged.Judge!.Judgment.Should().Be("unavailable");
        flagged.Judge.Scores.Should().BeEmpty();
        flagged.Judge.Usage!.Requests.Should().Be(2, "the tokens of the failed judgment are still counted");
        garbled.Requests.Should().HaveCount(2, "one repair, as MaxRepairs says");
        unreachable.Passed.Should().BeFalse();
        unreachable.Failures.Should().Equal("judge_unavailable: the judge's model gave no judgment (server_error)");
    }

    [Fact]
    public async Task ShowsTheJudgeToolResultsExpectedActionsAndRubric()
    {
        var context = await ContextAsync();
        var client = new ScriptedChatClient().Reply(Valid);

        await new LlmJudge(client, Settings).JudgeAsync(context, Ct);

        var messages = client.Requests.Single().Messages;
        messages[0].Text.Should().Be(PromptLibrary.Get("judge.md").Text);
        var input = messages[1].Text;
        foreach (var result in context.Dialogue.Messages.OfType<ToolMessage>()) input.Should().Contain(result.Content);
        foreach (var action in context.Tasks.SelectMany(t => t.ExpectedActions)) input.Should().Contain($"{action.Tool}({action.Arguments.GetRawText()})");
        foreach (var task in context.Tasks)
        {
            input.Should().Contain(task.Goal);
            foreach (var sub in task.SubRequests) input.Should().Contain(sub.Goal);
        }
        input.Should().Contain("matches the state the expected calls produce");
        client.Requests[0].Options!.Seed.Should().Be((long)(StableSeed.Derive(context.Dialogue.Metadata.Seed, "judge") & long.MaxValue));
    }
}
