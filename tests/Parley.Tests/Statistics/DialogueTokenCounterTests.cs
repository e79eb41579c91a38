using Parley.Dialogues;
using Parley.Statistics;
using Parley.Tests.TestDoubles;
using static Parley.Tests.TestDoubles.DialogueBuilder;

namespace Parley.Tests.Statistics;

public sealed class DialogueTokenCounterTests(GeneratedRuns runs)
{
    [Theory]
    [InlineData("Hello, world!", 4)]
    [InlineData("", 0)]
    public void CountsO200kTokens_OfAKnownString(string text, int expected)
    {
        DialogueTokenCounter.O200kBase.Count(text).Should().Be(expected);
    }

    [Fact]
    public void RendersEveryMessage_ToolCallsAndResultsIncluded()
    {
        var dialogue = Of("d", [User("Where is order 7?"), Call("c1", "get_order", """{"order_id":7}"""), Result("c1", "get_order", """{"status":"shipped"}"""), Say("It has shipped.")]);

        var text = DialogueTokenCounter.Render(dialogue);

        text.Should().Contain("You are a helpful assistant.").And.Contain("Where is order 7?").And.Contain("get_order")
            .And.Contain("""{"order_id":7}""").And.Contain("""{"status":"shipped"}""").And.Contain("It has shipped.");
        DialogueTokenCounter.O200kBase.Count(dialogue).Should().Be(DialogueTokenCounter.O200kBase.Count(text));
    }

    [Fact]
    public void CountsMore_WhenAMessageIsAdded()
    {
        var shorter = Of("d", [User("Hi"), Say("Hello! How can I help?")]);
        var longer = shorter with { Messages = [.. shorter.Messages, User("Cancel my booking, please.")] };

        DialogueTokenCounter.O200kBase.Count(longer).Should().BeGreaterThan(DialogueTokenCounter.O200kBase.Count(shorter));
    }

    [Fact]
    public async Task GivesPlausibleCounts_ForGeneratedDialogues()
    {
        var dialogues = (await runs.RetailAsync()).Dialogues;

        foreach (var dialogue in dialogues.Take(5))
        {
            var characters = DialogueTokenCounter.Render(dialogue).Length;
            var tokens = DialogueTokenCounter.O200kBase.Count(dialogue);
            tokens.Should().BeInRange(characters / 6, characters / 2, "English and JSON run at about 3–4 characters per token");
            DialogueTokenCounter.O200kBase.Count(dialogue).Should().Be(tokens);
        }
    }
}
