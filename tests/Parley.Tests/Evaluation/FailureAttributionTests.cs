using System.Text.Json;
using Parley.Dialogues;
using Parley.Evaluation;
using Parley.Tasks;
using Parley.Tools;
using static Parley.Tests.TestDoubles.DialogueBuilder;

namespace Parley.Tests.Evaluation;

public sealed class FailureAttributionTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse("""{"type":"object","properties":{}}""").RootElement.Clone();

    private static readonly ToolSpec[] Tools =
    [
        new() { Name = "get_order", Description = "", Parameters = Schema, Sql = ["SELECT 1"], Access = ToolAccess.Read },
        new() { Name = "cancel_order", Description = "", Parameters = Schema, Sql = ["SELECT 1"], Access = ToolAccess.Write },
        new() { Name = "change_address", Description = "", Parameters = Schema, Sql = ["SELECT 1"], Access = ToolAccess.Write },
    ];

    private static readonly TaskSpec Task = new()
    {
        Id = "d-t0", DialogueId = "d", EnvironmentId = "shop", Goal = "Cancel order W123.",
        SubRequests =
        [
            new SubRequest { Goal = "Look the order up.", Utterances = [], Calls = [] },
            new SubRequest { Goal = "Cancel it.", Utterances = [], Calls = [] },
        ],
        ExpectedActions =
        [
            new ExpectedAction("get_order", JsonElement.Parse("""{"order_id":"W123"}"""), 0),
            new ExpectedAction("cancel_order", JsonElement.Parse("""{"order_id":"W123","reason":"no longer needed"}"""), 1),
        ],
        ExpectedEndState = "abc",
        HiddenFacts = new Dictionary<string, string> { ["tracking"] = "TRK-998877" },
    };

    private static Attribution Attribute(TerminationReason termination, params Message[] messages)
    {
        var dialogue = Of("d", messages, termination: termination, tools: ["get_order", "cancel_order", "change_address"]);
        dialogue = dialogue with { Metadata = dialogue.Metadata with { Verdict = new Verdict([new CheckResult("end_state[0]", false, "differs")]) } };
        return FailureAttribution.Attribute(dialogue, ["end_state[0]: differs"], [Task], Tools);
    }

    private static Message[] Opening => [User("Please cancel order W123, it is no longer needed."), Call("c1", "get_order", """{"order_id":"W123"}"""), Result("c1", "get_order", """{"order_id":"W123","status":"pending"}""")];

    [Fact]
    public void BlamesAMissingWrite_OnTheAgent_AndNamesTheSubRequest()
    {
        var attribution = Attribute(TerminationReason.UserEnded, [.. Opening, Say("All done, that has been taken care of."), User("Thanks, bye.")]);

        attribution.Kind.Should().Be(FailureKinds.MissingWrite);
        attribution.FailedTask.Should().Be("d-t0");
        attribution.FailedSubRequest.Should().Be(1);
    }

    [Fact]
    public void BlamesAWrongWrite_WhenTheExpectedToolGotOtherArguments()
    {
        var attribution = Attribute(TerminationReason.UserEnded,
        [
            .. Opening, Say("Shall I cancel W123?"), User("Yes, it was ordered by mistake."),
            Call("c2", "cancel_order", """{"order_id":"W123","reason":"ordered by mistake"}"""), Result("c2", "cancel_order"),
        ]);

        attribution.Kind.Should().Be(FailureKinds.WrongWrite);
    }

    [Fact]
    public void BlamesAnExtraWrite_WhenNoTaskAskedForTheTool()
    {
        var attribution = Attribute(TerminationReason.UserEnded,
        [
            .. Opening, Say("Shall I cancel W123, no longer needed?"), User("Yes."),
            Call("c2", "cancel_order", """{"order_id":"W123","reason":"no longer needed"}"""), Result("c2", "cancel_order"),
            Say("Shall I also move W123 to pending?"), User("Sure."),
            Call("c3", "change_address", """{"order_id":"W123"}"""), Result("c3", "change_address"),
        ]);

        attribution.Kind.Should().Be(FailureKinds.ExtraWrite);
        attribution.Findings.Should().ContainSingle(f => f.StartsWith(FailureKinds.ExtraWrite));
    }

    [Fact]
    public void BlamesAHallucinatedValue_WhenAWriteUsesSomethingNobodySaid()
    {
        var attribution = Attribute(TerminationReason.UserEnded,
        [
            .. Opening, Say("Shall I cancel order W999?"), User("Yes."),
            Call("c2", "cancel_order", """{"order_id":"W999","reason":"no longer needed"}"""), Result("c2", "cancel_order"),
        ]);

        attribution.Kind.Should().Be(FailureKinds.HallucinatedValue);
        attribution.Detail.Should().Contain("W999");
    }

    [Fact]
    public void BlamesAPolicyBreach_WhenAWriteWasNeverPutToTheUser()
    {
        var attribution = Attribute(TerminationReason.UserEnded,
        [
            Say("How can I help?"), .. Opening,
            Call("c2", "change_address", """{"order_id":"W123"}"""), Result("c2", "change_address"),
        ]);

        attribution.Findings.Should().Contain(f => f.StartsWith(FailureKinds.PolicyBreach));
    }

    [Fact]
    public void BlamesTheUser_WhenItBreaksRole_OrEndsEarly()
    {
        Attribute(TerminationReason.UserEnded, [.. Opening, Say("Anything else?"), User("As an AI language model I cannot continue.")])
            .Kind.Should().Be(FailureKinds.UserBrokeRole);
        Attribute(TerminationReason.PrematureEnd, [.. Opening, Say("Shall I cancel it?"), User("Never mind, bye.")])
            .Kind.Should().Be(FailureKinds.UserEndedEarly);
    }

    [Fact]
    public void NotesARevealedHiddenFact_OnlyWhenNoToolReturnedItFirst()
    {
        var revealed = Attribute(TerminationReason.UserEnded, [User("My tracking number is TRK-998877."), .. Opening]);
        var learned = Attribute(TerminationReason.UserEnded, [.. Opening, Result("c9", "get_order", """{"tracking":"TRK-998877"}"""), User("So TRK-998877 is mine.")]);

        revealed.Findings.Should().Contain(f => f.StartsWith(FailureKinds.UserRevealedHiddenFact));
        learned.Findings.Should().NotContain(f => f.StartsWith(FailureKinds.UserRevealedHiddenFact));
    }

    [Fact]
    public void BlamesTheEnvironment_WhenAToolFailsByItself()
    {
        var attribution = Attribute(TerminationReason.UserEnded,
            User("Cancel W123 please."), Call("c1", "get_order", """{"order_id":"W123"}"""), Error("c1", "get_order", "execution_error"));

        attribution.Kind.Should().Be(FailureKinds.ToolError);
    }

    [Fact]
    public void BlamesTheEndpoint_WhenAModelCallFailed()
    {
        var dialogue = Of("d", [User("Hi")], termination: TerminationReason.LlmError);

        var attribution = FailureAttribution.Attribute(dialogue, ["llm: rate_limited: too many requests"], [Task], Tools);

        attribution.Kind.Should().Be(FailureKinds.EndpointError);
        attribution.Detail.Should().Contain("rate_limited");
    }
}
