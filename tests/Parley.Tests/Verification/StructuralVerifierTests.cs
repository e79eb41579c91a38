using Parley.Dialogues;
using Parley.Tests.TestDoubles;
using Parley.Verification;

namespace Parley.Tests.Verification;

public sealed class StructuralVerifierTests(GeneratedRuns runs, BuiltEnvironments environments)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly StructuralVerifier _verifier = new();

    private async Task<IReadOnlyList<CheckResult>> Verify(VerificationContext context) => await _verifier.VerifyAsync(context, Ct);

    private static CheckResult Check(IReadOnlyList<CheckResult> checks, string name) => checks.Single(c => c.Name == name);

    private static void OnlyFails(IReadOnlyList<CheckResult> checks, string name, string detail)
    {
        Check(checks, name).Passed.Should().BeFalse();
        Check(checks, name).Detail.Should().Contain(detail);
        checks.Where(c => c.Name != name).Should().AllSatisfy(c => c.Passed.Should().BeTrue($"only {name} was tampered with, but {c.Name}: {c.Detail}"));
    }

    [Fact]
    public async Task PassesEveryCheck_WhenDialogueIsWellFormed()
    {
        var context = await VerificationSamples.PassingAsync(runs, environments);

        var checks = await Verify(context);

        checks.Select(c => c.Name).Should().Equal("messages", "tool_calls", "tool_call_ids", "termination");
        checks.Should().AllSatisfy(c =>
        {
            c.Passed.Should().BeTrue();
            c.Detail.Should().BeNull();
        });
    }

    [Fact]
    public async Task FailsToolCallIds_WhenTwoCallsShareAnId()
    {
        var context = await VerificationSamples.PassingAsync(runs, environments);
        var messages = context.Dialogue.Messages.ToList();
        var first = messages[context.CallAt(0)].FirstCall();
        var at = context.CallAt(1);
        var second = messages[at].FirstCall();
        messages[at] = ((AssistantMessage)messages[at]) with { ToolCalls = [second with { Id = first.Id }] };
        messages[at + 1] = ((ToolMessage)messages[at + 1]) with { ToolCallId = first.Id };

        OnlyFails(await Verify(context.WithMessages(messages)), "tool_call_ids", "reuses a tool_call_id");
    }

    [Fact]
    public async Task FailsToolCallIds_WhenACallIsNeverAnswered()
    {
        var context = await VerificationSamples.PassingAsync(runs, environments);
        var at = context.CallAt(1);

        var checks = await Verify(context.WithMessages(context.Dialogue.Messages.Where((_, i) => i != at + 1)));

        OnlyFails(checks, "tool_call_ids", "not each answered exactly once");
    }

    [Fact]
    public async Task FailsToolCallIds_WhenACallIsAnsweredTwice()
    {
        var context = await VerificationSamples.PassingAsync(runs, environments);
        var messages = context.Dialogue.Messages.ToList();
        var at = context.CallAt(0);
        messages.Insert(at + 1, messages[at + 1]);

        OnlyFails(await Verify(context.WithMessages(messages)), "tool_call_ids", "not each answered exactly once");
    }

    [Fact]
    public async Task FailsToolCallIds_WhenAToolMessageAnswersAnUnknownCall()
    {
        var context = await VerificationSamples.PassingAsync(runs, environments);
        var messages = context.Dialogue.Messages.ToList();
        messages.Insert(messages.Count - 1, new ToolMessage { ToolCallId = "call_ghost", Name = "list_customer_orders", Content = "[]" });

        var checks = await Verify(context.WithMessages(messages));

        Check(checks, "tool_call_ids").Passed.Should().BeFalse();
        Check(checks, "tool_call_ids").Detail.Should().Contain("call_ghost");
    }

    [Fact]
    public async Task FailsToolCalls_WhenACallNamesAnUnknownTool()
    {
        var context = await VerificationSamples.PassingAsync(runs, environments);
        var messages = context.Dialogue.Messages.ToList();
        var at = context.CallAt(0);
        var call = messages[at].FirstCall();
        messages[at] = ((AssistantMessage)messages[at]) with { ToolCalls = [call with { Function = call.Function with { Name = "teleport" } }] };

        OnlyFails(await Verify(context.WithMessages(messages)), "tool_calls", "unknown_tool");
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"email\": 12}")]
    [InlineData("not json")]
    public async Task FailsToolCalls_WhenArgumentsBreakTheSchema(string arguments)
    {
        var context = await VerificationSamples.PassingAsync(runs, environments);
        var messages = context.Dialogue.Messages.ToList();
        var at = context.CallAt(0);
        var call = messages[at].FirstCall();
        messages[at] = ((AssistantMessage)messages[at]) with { ToolCalls = [call with { Function = call.Function with { Arguments = arguments } }] };

        var checks = await Verify(context.WithMessages(messages));

        OnlyFails(checks, "tool_calls", "invalid_arguments");
        Check(checks, "tool_calls").Detail.Should().Contain(call.Id);
    }

    [Fact]
    public async Task FailsMessages_WhenSystemPromptIsMissing()
    {
        var context = await VerificationSamples.PassingAsync(runs, environments);

        var checks = await Verify(context.WithMessages(context.Dialogue.Messages.Skip(1)));

        OnlyFails(checks, "messages", "system prompt");
    }

    [Fact]
    public async Task FailsMessages_WhenASecondSystemMessageAppears()
    {
        var context = await VerificationSamples.PassingAsync(runs, environments);
        var messages = context.Dialogue.Messages.ToList();
        messages.Insert(3, new SystemMessage { Content = "New rules." });

        OnlyFails(await Verify(context.WithMessages(messages)), "messages", "more than one system message");
    }

    [Fact]
    public async Task FailsMessages_WhenTheUserSpeaksLast()
    {
        var context = await VerificationSamples.PassingAsync(runs, environments);

        var checks = await Verify(context.WithMessages([.. context.Dialogue.Messages, new UserMessage { Content = "Wait, one more thing." }]));

        OnlyFails(checks, "messages", "the assistant must speak last");
    }

    [Fact]
    public async Task FailsMessages_WhenAUserMessageIsEmpty()
    {
        var context = await VerificationSamples.PassingAsync(runs, environments);
        var messages = context.Dialogue.Messages.ToList();
        var user = messages.FindLastIndex(m => m is UserMessage);
        messages[user] = new UserMessage { Content = "  " };

        OnlyFails(await Verify(context.WithMessages(messages)), "messages", $"message {user} is empty");
    }

    [Theory]
    [InlineData(TerminationReason.PrematureEnd)]
    [InlineData(TerminationReason.MaxTurns)]
    [InlineData(TerminationReason.AgentStuck)]
    [InlineData(TerminationReason.InProgress)]
    public async Task FailsTermination_WhenTheUserDidNotEndProperly(TerminationReason reason)
    {
        var context = await VerificationSamples.PassingAsync(runs, environments);
        var tampered = context with { Dialogue = context.Dialogue with { Metadata = context.Dialogue.Metadata with { Termination = reason } } };

        OnlyFails(await Verify(tampered), "termination", $"ended with {reason}");
    }
}
