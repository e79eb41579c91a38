using Parley.Dialogues;
using Parley.Statistics;
using Parley.Tests.TestDoubles;
using static Parley.Tests.TestDoubles.DialogueBuilder;

namespace Parley.Tests.Statistics;

public sealed class HabitStatisticsTests
{
    private static HabitStatistics Of(params Message[] messages) => HabitStatistics.Of([DialogueBuilder.Of("d", messages)]);

    private static Message[] Write(string confirmation, string consent, string result = """{"order_id":7,"refund_amount":455.73}""") =>
        [User("Cancel my order."), Say(confirmation), User(consent), Call("w", "cancel_order", """{"order_id":7}"""), Result("w", "cancel_order", result), Say("Done.")];

    [Fact]
    public void CountsPluralMarkers_OnlyInMessagesThatHaveThem()
    {
        Of(User("It's for 2 guest(s)."), Say("Booked for 2 guests.")).PluralMarkers.Should().Be(1);
        Of(User("It's for 2 guests."), Say("Booked for 1 guest.")).PluralMarkers.Should().Be(0);
    }

    [Fact]
    public void CountsAClosingPhraseAsConsent_ButNotAnExplicitYes()
    {
        var closing = Of(Write("Shall I cancel order 7? You'd get $455.73 back.", "That's it, thanks."));
        var yes = Of(Write("Shall I cancel order 7? You'd get $455.73 back.", "Yes, go ahead."));

        (closing.Writes, closing.ClosingConsents, closing.UnclearConsents).Should().Be((1, 1, 1));
        (yes.Writes, yes.ClosingConsents, yes.UnclearConsents).Should().Be((1, 0, 0));
    }

    [Fact]
    public void CountsAMoneyMovingWriteAsConfirmedWithTheAmount_OnlyWhenTheConfirmationStatesIt()
    {
        var stated = Of(Write("Shall I cancel order 7? $455.73 of the $911.46 would be refunded.", "Yes."));
        var silent = Of(Write("Shall I cancel order 7?", "Yes."));
        var free = Of(Write("Shall I cancel order 7?", "Yes.", """{"order_id":7,"refund_amount":0}"""));

        (stated.MoneyWrites, stated.MoneyWritesWithAmount, stated.AmountConfirmedRate).Should().Be((1, 1, 1.0));
        (silent.MoneyWrites, silent.MoneyWritesWithAmount, silent.AmountConfirmedRate).Should().Be((1, 0, 0.0));
        (free.Writes, free.MoneyWrites).Should().Be((1, 0), "a zero amount moves no money");
    }

    [Fact]
    public void ReadsAmountsWrittenWithThousandsSeparators()
    {
        var stats = Of(Write("Refund $1,234.50 for order 7?", "Yes.", """{"order_id":7,"refund_amount":1234.5}"""));

        stats.MoneyWritesWithAmount.Should().Be(1);
    }

    [Fact]
    public void CountsKeyValueDumps_NotSentencesOrShortLists()
    {
        Of(User("Which gate?"), Say("The record shows flight number: SK136; origin: Boston; gate: D19; status: landed.")).KeyValueDumps.Should().Be(1);
        Of(User("Which gate?"), Say("It leaves from gate D19; boarding starts at 18:05.")).KeyValueDumps.Should().Be(0);
    }

    [Fact]
    public void CountsStackedAcknowledgements_NotASingleOne()
    {
        Of(User("Great, thanks! Great, that's one thing off my list. Next, can you check my balance?")).StackedAcknowledgements.Should().Be(1);
        Of(User("Great, thanks! Next, can you check my balance?")).StackedAcknowledgements.Should().Be(0);
    }

    [Fact]
    public void CountsExactRepeatsAcrossTheDataset_OncePerExtraCopy()
    {
        var stats = HabitStatistics.Of([
            DialogueBuilder.Of("a", [User("Hi"), Say("Is there anything else you need?")]),
            DialogueBuilder.Of("b", [User("Hi"), Say("Is there anything else you need?"), Say("Anything else, Ann?")]),
        ]);

        (stats.AssistantMessages, stats.AssistantRepeats, stats.AssistantRepeatRate).Should().Be((3, 1, 0.3333));
    }

    [Fact]
    public void CountsADialogueWithADeclineAndItsReason_NotANotFoundOrAPlainAnswer()
    {
        var declined = HabitStatistics.Of([
            DialogueBuilder.Of("a", [User("Cancel it."), Say("I'm sorry, but I can't cancel order #7: it has already shipped, and only pending orders can be cancelled.")]),
            DialogueBuilder.Of("b", [User("Find it."), Say("I couldn't find anything for 7. Could you double-check the order ID?")]),
            DialogueBuilder.Of("c", [User("Ticket?"), Say("Ticket #12 \"Cannot open the shared drive\" is open.")]),
        ]);

        (declined.DialoguesWithDecline, declined.DeclineRate).Should().Be((1, 0.3333));
    }

    [Fact]
    public void CountsAChoiceOfAListedValue_OnlyWhenNoMessageShowedIt()
    {
        var rows = """[{"hotel_name":"Parkside Suites","room_type":"deluxe"},{"hotel_name":"Old Mill Hotel","room_type":"suite"}]""";
        var unseen = Of(User("Rooms?"), Call("s", "search_rooms"), Result("s", "search_rooms", rows), Say("A deluxe room at the Parkside Suites, and 1 more."), User("I'll take the Old Mill Hotel."));
        var seen = Of(User("Rooms?"), Call("s", "search_rooms"), Result("s", "search_rooms", rows), Say("Parkside Suites or Old Mill Hotel."), User("I'll take the Old Mill Hotel."));

        unseen.UnseenChoices.Should().Be(1);
        seen.UnseenChoices.Should().Be(0);
    }

    [Fact]
    public void CountsRepeatedCallsAndReIdentifications_ButNotAReReadAfterAChange()
    {
        var repeated = Of(User("x"), Call("1", "find_customer", """{"email":"a@b.c"}"""), Result("1", "find_customer"), Call("2", "list_orders", """{"id":1}"""), Result("2", "list_orders"),
            Call("3", "list_orders", """{"id":1}"""), Result("3", "list_orders"), Call("4", "cancel_order", """{"id":1}"""), Result("4", "cancel_order"),
            Call("5", "list_orders", """{"id":1}"""), Result("5", "list_orders"), Call("6", "find_customer", """{"email":"a@b.c"}"""), Result("6", "find_customer"));

        (repeated.RepeatedCalls, repeated.ReIdentifications).Should().Be((1, 1));
        Of(User("x"), Call("1", "find_customer", """{"email":"a@b.c"}"""), Result("1", "find_customer"), Call("2", "list_orders", """{"id":1}"""), Result("2", "list_orders"))
            .Should().Match<HabitStatistics>(h => h.RepeatedCalls == 0 && h.ReIdentifications == 0);
    }

    [Fact]
    public void CountsAReRead_NotAReIdentification_WhenTheFirstRecordChangedSince()
    {
        var booking = """{"code":"QDF213"}""";
        var reRead = Of(User("x"), Call("1", "get_booking", booking), Result("1", "get_booking", """{"seat":"18C"}"""),
            Call("2", "change_flight", booking), Result("2", "change_flight"),
            Call("3", "get_booking", booking), Result("3", "get_booking", """{"seat":null}"""));
        var unchanged = Of(User("x"), Call("1", "get_booking", booking), Result("1", "get_booking", """{"seat":"18C"}"""),
            Call("2", "add_bag", """{"code":"X"}"""), Result("2", "add_bag"),
            Call("3", "get_booking", booking), Result("3", "get_booking", """{"seat":"18C"}"""));

        (reRead.ReIdentifications, reRead.ReReads, reRead.RepeatedCalls).Should().Be((0, 1, 0));
        (unchanged.ReIdentifications, unchanged.ReReads, unchanged.RepeatedCalls).Should().Be((1, 0, 0));
    }

    [Fact]
    public void CountsParallelCalls_AsOneMessagePerBatch()
    {
        var batch = new AssistantMessage { ToolCalls = [new ToolCall("1", new FunctionCall("get_a", "{}")), new ToolCall("2", new FunctionCall("get_b", "{}"))] };

        Of(User("x"), batch, Result("1", "get_a"), Result("2", "get_b")).ParallelCallMessages.Should().Be(1);
        Of(User("x"), Call("1", "get_a"), Result("1", "get_a")).ParallelCallMessages.Should().Be(0);
    }
}
