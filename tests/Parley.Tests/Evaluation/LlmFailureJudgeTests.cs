using System.Text.Json;
using Microsoft.Extensions.AI;
using Parley.Dialogues;
using Parley.Evaluation;
using Parley.Llm;
using Parley.Tasks;
using Parley.Tools;
using Parley.Tests.TestDoubles;
using static Parley.Tests.TestDoubles.DialogueBuilder;

namespace Parley.Tests.Evaluation;

public sealed class LlmFailureJudgeTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse("""{"type":"object","properties":{}}""").RootElement.Clone();

    private static readonly ToolSpec[] Tools =
    [
        new() { Name = "get_order", Description = "Look an order up.", Parameters = Schema, Sql = ["SELECT 1"], Access = ToolAccess.Read },
        new() { Name = "cancel_order", Description = "Cancel an order.", Parameters = Schema, Sql = ["SELECT 1"], Access = ToolAccess.Write },
    ];

    private static readonly TaskSpec Task = new()
    {
        Id = "d-t0", DialogueId = "d", EnvironmentId = "shop", Goal = "Cancel order W123.",
        SubRequests = [new SubRequest { Goal = "Cancel it.", Utterances = [], Calls = [] }],
        ExpectedActions = [new ExpectedAction("cancel_order", JsonElement.Parse("""{"order_id":"W123"}"""), 0)],
        ExpectedEndState = "abc",
    };

    private static readonly Attribution Ruled = new(FailureKinds.Unattributed, "judge: critical issue", "d-t0", null, ["nothing"]);

    private static readonly LlmRoleSettings Settings = new() { Model = "judge-model", MaxRepairs = 2 };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Messages: [0] system, [1] user, [2] agent says, [3] user.
    private static Dialogue Failed()
    {
        var dialogue = Of("d", [User("Please cancel order W123."), Say("Your order W123 was cancelled and $120.00 refunded."), User("Thanks.")], tools: ["get_order", "cancel_order"]);
        return dialogue with { Metadata = dialogue.Metadata with { Verdict = new Verdict([new CheckResult("judge", false, "critical: the agent claimed a cancellation that never happened")]) } };
    }

    private static string Reply(string kind, string evidence, int? at) =>
        JsonSerializer.Serialize(new Dictionary<string, object?> { ["reasoning"] = "checked", ["kind"] = kind, ["evidence"] = evidence, ["message_index"] = at });

    [Fact]
    public async Task NamesTheKindAndEvidence_TheJudgeGives_WhenNoRuleExplainsTheFailure()
    {
        var client = new ScriptedChatClient().Reply(Reply(FailureKinds.UngroundedStatement, "The agent said W123 was cancelled though no tool ran.", 2));

        var attribution = await new LlmFailureJudge(client, Settings).AttributeAsync(Ruled, Failed(), [Task], Tools, Ct);

        attribution.Kind.Should().Be(FailureKinds.UngroundedStatement);
        attribution.Detail.Should().Be("The agent said W123 was cancelled though no tool ran. (message 2)");
        attribution.Judge.Should().Be("llm:judge-model");
        attribution.FailedTask.Should().Be("d-t0");
        attribution.Findings.Should().Equal("nothing", "llm:judge-model: agent.ungrounded_statement: The agent said W123 was cancelled though no tool ran. (message 2)");
        var (messages, options) = client.Requests.Single();
        options!.ResponseFormat.Should().BeOfType<ChatResponseFormatJson>().Which.SchemaName.Should().Be("failure_attribution");
        messages[1].Text.Should().Contain("[2] agent: Your order W123 was cancelled").And.Contain("judge: critical: the agent claimed a cancellation")
            .And.Contain("cancel_order({\"order_id\":\"W123\"})");
    }

    [Theory]
    [InlineData("agent.rude", 2)]
    [InlineData(FailureKinds.WrongWrite, 99)]
    [InlineData(FailureKinds.WrongWrite, null)]
    public async Task AsksAgain_WhenTheReplyBreaksTheSchemaOrPointsOutsideTheTranscript(string kind, int? at)
    {
        var client = new ScriptedChatClient().Reply(Reply(kind, "something", at)).Reply(Reply(FailureKinds.PolicyBreach, "It acted without asking.", 2));

        var attribution = await new LlmFailureJudge(client, Settings).AttributeAsync(Ruled, Failed(), [Task], Tools, Ct);

        attribution.Kind.Should().Be(FailureKinds.PolicyBreach);
        client.Requests.Should().HaveCount(2);
        client.Requests[1].Messages[^1].Text.Should().StartWith("Your reply could not be used");
    }

    [Fact]
    public async Task LeavesTheTrialUnattributed_SayingWhy_WhenTheJudgeNeverAnswersUsefully()
    {
        var client = new ScriptedChatClient { Respond = (_, _) => new ChatResponse(new ChatMessage(ChatRole.Assistant, "I am not sure.")) };

        var attribution = await new LlmFailureJudge(client, Settings).AttributeAsync(Ruled, Failed(), [Task], Tools, Ct);

        attribution.Kind.Should().Be(FailureKinds.Unattributed);
        attribution.Judge.Should().BeNull();
        attribution.Detail.Should().StartWith("judge: critical issue; no rule explains it, and the LLM judge could not decide");
        client.Requests.Should().HaveCount(3);
    }

    [Fact]
    public void SendsASchemaThatMeetsTheStrictRules_ListingEveryKind()
    {
        FailureJudgeReply.Schema.StrictProblems.Should().BeEmpty();
        FailureJudgeReply.Schema.Schema.GetProperty("properties").GetProperty("kind").GetProperty("enum").EnumerateArray().Select(e => e.GetString())
            .Should().BeEquivalentTo(FailureKinds.All);
    }

    [Fact]
    public async Task SaysWhyAFailureStaysUnattributed_WhenNoJudgeIsConfigured()
    {
        var records = new List<TrialRecord>
        {
            new() { Task = "d", TaskIds = ["d-t0"], Domain = "shop", Trial = 0, Passed = false, Failure = Ruled, Dialogue = Failed() },
            new() { Task = "d", TaskIds = ["d-t0"], Domain = "shop", Trial = 1, Passed = false, Failure = Ruled with { Kind = FailureKinds.MissingWrite, Detail = "missing" } },
        };

        var attributed = await Evaluator.AttributeUnexplainedAsync(records, [[Task], [Task]], [], judge: null, concurrency: 1, Ct);

        attributed[0].Failure!.Kind.Should().Be(FailureKinds.Unattributed);
        attributed[0].Failure!.Detail.Should().Be("judge: critical issue; " + LlmFailureJudge.Offline);
        attributed[1].Failure!.Detail.Should().Be("missing");
    }
}
