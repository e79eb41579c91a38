using Parley.Dialogues;
using Parley.Tests.TestDoubles;
using Parley.Verification;
using static Parley.Tests.TestDoubles.DialogueBuilder;

namespace Parley.Tests.Verification;

public sealed class GroundingVerifierTests(GeneratedRuns runs)
{
    [Fact]
    public async Task FailsNamingTheValue_WhenAssistantTextIsEditedToClaimAnAmountNoToolGave()
    {
        var dialogue = (await runs.RetailAsync()).Dialogues[0];
        GroundingVerifier.Check(dialogue.Messages).Passed.Should().BeTrue();

        var check = GroundingVerifier.Check(WithLastAssistantText(dialogue, "Done: your refund of $5,000 is on its way.").Messages);

        check.Passed.Should().BeFalse();
        check.Name.Should().Be("grounding");
        check.Detail.Should().Contain("$5,000").And.Contain("(amount)");
    }

    [Fact]
    public void PassesAnAmount_WhenAToolResultGaveItInAnotherNotation()
    {
        var messages = Messages(Result("c1", "get_order", """{"order_id":"ORD-1001","total":"1234.50","placed_on":"2025-06-01"}"""),
            Say("Order ORD-1001 from 2025-06-01 came to $1,234.50."));

        GroundingVerifier.Check(messages).Passed.Should().BeTrue();
    }

    [Fact]
    public void PassesValuesTheUserOrPolicyGave_AndFailsAnInventedDateOrId()
    {
        IReadOnlyList<Message> grounded = [new SystemMessage { Content = "Policy: a $75 fee applies." }, User("My booking is SGI353."), Say("Booking SGI353 carries the $75 fee.")];
        IReadOnlyList<Message> invented = [new SystemMessage { Content = "Policy: a $75 fee applies." }, User("My booking is SGI353."), Say("Booking SGI354 moves to 2025-09-01.")];

        GroundingVerifier.Check(grounded).Passed.Should().BeTrue();
        var check = GroundingVerifier.Check(invented);
        check.Passed.Should().BeFalse();
        check.Detail.Should().Contain("SGI354 (id)").And.Contain("2025-09-01 (date)");
    }

    [Fact]
    public void PassesASumOfResultValues_OnlyWhenTheSentenceStatesItAsOne()
    {
        var result = Result("c1", "list_items", """[{"sku":"A1","price":19.99},{"sku":"B2","price":5.01}]""");

        GroundingVerifier.Check(Messages(result, Say("That comes to $25.00 in total."))).Passed.Should().BeTrue();
        GroundingVerifier.Check(Messages(result, Say("Your card was charged $25.00."))).Passed.Should().BeFalse();
    }

    [Fact]
    public void PassesACountOfRows_WhenAResultHeldThatMany()
    {
        var result = Result("c1", "search", """[{"id":"X1"},{"id":"X2"},{"id":"X3"}]""");

        GroundingVerifier.Check(Messages(result, Say("I found 3 matches: X1 and X2, and 1 more."))).Passed.Should().BeTrue();
        GroundingVerifier.Check(Messages(result, Say("I found 4 matches."))).Passed.Should().BeFalse();
    }

    [Fact]
    public async Task PassesAtLeast95PercentOfOfflineDialogues_WhenEveryDomainIsGenerated()
    {
        var dialogues = (await runs.AllDomainsAsync()).Dialogues;

        var failed = dialogues.Select(d => (d.Id, Check: GroundingVerifier.Check(d.Messages))).Where(x => !x.Check.Passed).ToList();

        failed.Count.Should().BeLessThanOrEqualTo(dialogues.Count / 20, string.Join("\n", failed.Take(5).Select(f => $"{f.Id}: {f.Check.Detail}")));
    }

    private static IReadOnlyList<Message> Messages(ToolMessage result, AssistantMessage reply) =>
        [new SystemMessage { Content = "You are a helpful assistant." }, User("Can you look it up?"), Call(result.ToolCallId, result.Name), result, reply];

    public static Dialogue WithLastAssistantText(Dialogue dialogue, string text)
    {
        var last = dialogue.Messages.Select((m, i) => (m, i)).Last(x => x.m is AssistantMessage { ToolCalls: null }).i;
        return dialogue with { Messages = [.. dialogue.Messages.Select((m, i) => i == last ? new AssistantMessage { Content = text } : m)] };
    }
}
