using Microsoft.Extensions.AI;
using Parley.Llm;
using Parley.Serialization;
using Parley.Simulation;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Llm;

public sealed class StructuredOutputTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly ChatMessage[] Ask = [new(ChatRole.User, "Say something.")];

    private static ChatResponse Response(string text, ChatFinishReason? finish = null) =>
        new(new ChatMessage(ChatRole.Assistant, text)) { FinishReason = finish ?? ChatFinishReason.Stop };

    [Theory]
    [InlineData("{\"message\":\"Hi there\"}")]
    [InlineData("```json\n{\"message\": \"Hi there\", \"end_conversation\": false}\n```")]
    [InlineData("<think>The user wants a greeting {not json}.</think>\n{\"message\":\"Hi there\"}")]
    [InlineData("Sure! Here is my reply: {\"message\": \"Hi there\"} Hope that helps.")]
    [InlineData("{\"message\":\"Hi there\",\"unexpected_key\":1,}")]
    public void ParsesTheObject_WhenWrappedInFencesThinkingOrProse(string text)
    {
        var (value, _, problem) = StructuredOutput.Parse(Response(text), RoleReplyJsonContext.Default.UserReply);

        problem.Should().BeEmpty();
        value!.Message.Should().Be("Hi there");
    }

    [Fact]
    public void KeepsBracesInsideStrings_WhenFindingTheObjectsEnd()
    {
        StructuredOutput.ExtractObject("note: {\"message\": \"a } brace and a \\\" quote\"} trailing }")
            .Should().Be("{\"message\": \"a } brace and a \\\" quote\"}");
    }

    [Theory]
    [InlineData("{\"message\":\"Hi\"", "stop", LlmFailureKind.InvalidJson)]
    [InlineData("{\"message\":\"Hi", "length", LlmFailureKind.Truncated)]
    [InlineData("", "content_filter", LlmFailureKind.ContentFilter)]
    [InlineData("   ", "stop", LlmFailureKind.Empty)]
    [InlineData("<think>only thinking</think>", "stop", LlmFailureKind.Empty)]
    [InlineData("I'm sorry, but I can't help with that.", "stop", LlmFailureKind.Refusal)]
    [InlineData("{\"message\": 42}", "stop", LlmFailureKind.InvalidJson)]
    public void NamesTheFailure_WhenTheReplyIsUnusable(string text, string finish, LlmFailureKind kind)
    {
        var (value, actual, problem) = StructuredOutput.Parse(Response(text, new ChatFinishReason(finish)), RoleReplyJsonContext.Default.UserReply);

        value.Should().BeNull();
        actual.Should().Be(kind);
        problem.Should().NotBeEmpty();
    }

    [Fact]
    public void SplitsThinkingFromTheText()
    {
        StructuredOutput.StripReasoning("<think>\nplan it\n</think>\nHello").Should().Be(("Hello", "plan it"));
        StructuredOutput.StripReasoning("Hello").Should().Be(("Hello", (string?)null));
    }

    [Fact]
    public async Task CountsTheTokensOfEveryAttempt_WhenARepairWasNeeded()
    {
        static ChatResponse WithUsage(string text, long input, long output) =>
            new(new ChatMessage(ChatRole.Assistant, text)) { FinishReason = ChatFinishReason.Stop, Usage = new UsageDetails { InputTokenCount = input, OutputTokenCount = output } };
        var client = new ScriptedChatClient()
            .Then((_, _) => WithUsage("not json", 100, 5))
            .Then((_, _) => WithUsage("{\"message\":\"Hi\"}", 120, 7));

        var counter = new UsageCountingChatClient(client);

        await StructuredOutput.GetAsync(counter, Ask, RoleReplyJsonContext.Default.UserReply, cancellationToken: Ct);

        counter.Usage.Should().Be(new Parley.Dialogues.TokenUsage { Requests = 2, InputTokens = 220, OutputTokens = 12 });
    }

    [Fact]
    public async Task RepairsOnce_WhenTheFirstReplyIsNotJson()
    {
        var client = new ScriptedChatClient().Reply("Hello, I need help").Reply("{\"message\":\"Hello, I need help\"}");

        var reply = await StructuredOutput.GetAsync(client, Ask, RoleReplyJsonContext.Default.UserReply, cancellationToken: Ct);

        reply.Value.Message.Should().Be("Hello, I need help");
        reply.Repairs.Should().Be(1);
        client.Requests.Should().HaveCount(2);
        client.Requests[1].Messages.Should().HaveCount(3);
        client.Requests[1].Messages[^1].Text.Should().Contain("no JSON object");
        client.Requests[0].Options!.ResponseFormat.Should().BeOfType<ChatResponseFormatJson>().Which.Schema.Should().NotBeNull();
    }

    [Fact]
    public async Task SendsTheValidatorsProblemBack_WhenTheValueIsRejected()
    {
        var client = new ScriptedChatClient().Reply("{\"message\":\"\"}").Reply("{\"message\":\"ok\"}");

        var reply = await StructuredOutput.GetAsync(client, Ask, RoleReplyJsonContext.Default.UserReply,
            validate: r => r.Message.Length == 0 ? "the message is empty" : null, cancellationToken: Ct);

        reply.Value.Message.Should().Be("ok");
        client.Requests[1].Messages[^1].Text.Should().Contain("the message is empty");
    }

    [Theory]
    [InlineData("I'm sorry, I cannot do that.", LlmFailureKind.Refusal)]
    [InlineData("", LlmFailureKind.Empty)]
    public async Task Throws_WhenTheReplyStaysUnusableAfterTheRepairs(string text, LlmFailureKind kind)
    {
        var client = new ScriptedChatClient { Respond = (_, _) => Response(text) };

        var act = () => StructuredOutput.GetAsync(client, Ask, RoleReplyJsonContext.Default.UserReply, maxRepairs: 2, cancellationToken: Ct);

        (await act.Should().ThrowAsync<LlmException>()).Which.Kind.Should().Be(kind);
        client.Requests.Should().HaveCount(3, "the first try and two repairs");
    }

    [Fact]
    public async Task RepairsAStructReply_WhenTheFirstHasNoObject()
    {
        var client = new ScriptedChatClient().Reply("no json here").Reply("{\"result\": []}");

        var reply = await StructuredOutput.GetAsync(client, Ask, PrimitiveJsonContext.Default.JsonElement, cancellationToken: Ct);

        reply.Repairs.Should().Be(1);
        reply.Value.GetProperty("result").GetArrayLength().Should().Be(0);
    }
}
