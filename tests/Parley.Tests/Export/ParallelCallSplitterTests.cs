using System.Text.Json.Nodes;
using Parley.Dialogues;
using Parley.Export;
using static Parley.Tests.TestDoubles.DialogueBuilder;

namespace Parley.Tests.Export;

public sealed class ParallelCallSplitterTests
{
    private static AssistantMessage Parallel(string text, params (string Id, string Tool, string Arguments)[] calls) =>
        new() { Content = text, ReasoningContent = "Both look-ups are independent.", ToolCalls = [.. calls.Select(c => new ToolCall(c.Id, new FunctionCall(c.Tool, c.Arguments)))] };

    private static Dialogue WithParallelCalls() => Of("d1",
    [
        User("Show me order 7 and my account."),
        Parallel("Let me look both up.", ("c1", "get_order", """{"order_id":7}"""), ("c2", "get_customer", """{"customer_id":3}""")),
        // Results need not come in the calls' order.
        Result("c2", "get_customer", """{"name":"Ada"}"""),
        Result("c1", "get_order", """{"status":"shipped"}"""),
        Say("Order 7 has shipped, Ada."),
    ], tools: ["get_order", "get_customer"]);

    [Fact]
    public void WritesEachCallFollowedByItsResult_WhenAMessageMakesSeveralCalls()
    {
        var split = ParallelCallSplitter.Split(WithParallelCalls());

        var m = split.Messages;
        m.Should().HaveCount(7);
        m[2].Should().BeOfType<AssistantMessage>().Which.ToolCalls!.Single().Should().Be(new ToolCall("c1", new FunctionCall("get_order", """{"order_id":7}""")));
        m[3].Should().BeOfType<ToolMessage>().Which.Content.Should().Be("""{"status":"shipped"}""");
        m[4].Should().BeOfType<AssistantMessage>().Which.ToolCalls!.Single().Id.Should().Be("c2");
        m[5].Should().BeOfType<ToolMessage>().Which.ToolCallId.Should().Be("c2");
        m[6].Content.Should().Be("Order 7 has shipped, Ada.");
        split.Metadata.Counts.AssistantMessages.Should().Be(3);
        split.Metadata.Counts.ToolCalls.Should().Be(2);
    }

    [Fact]
    public void KeepsTextAndReasoningOnTheFirstCallOnly_WhenSplitting()
    {
        var split = ParallelCallSplitter.Split(WithParallelCalls());

        var calls = split.Messages.OfType<AssistantMessage>().Where(a => a.ToolCalls is not null).ToList();
        calls[0].Content.Should().Be("Let me look both up.");
        calls[0].ReasoningContent.Should().Be("Both look-ups are independent.");
        calls[1].Content.Should().BeEmpty();
        calls[1].ReasoningContent.Should().BeNull();
    }

    [Fact]
    public void ReturnsTheSameDialogue_WhenNoMessageMakesSeveralCalls()
    {
        var dialogue = Simple("d2", ["Hello", "Thanks"], ["get_order", "get_customer"]);

        ParallelCallSplitter.Split(dialogue).Should().BeSameAs(dialogue);
    }

    [Fact]
    public void KeepsAResultThatAnswersNoCall_AfterTheLastCall()
    {
        var dialogue = Of("d3",
        [
            User("Both, please."),
            Parallel("", ("c1", "a", "{}"), ("c2", "b", "{}")),
            Result("c1", "a"), Result("c2", "b"), Result("stray", "c"),
            Say("Done."),
        ]);

        var ids = ParallelCallSplitter.Split(dialogue).Messages.Select(m => m switch
        {
            AssistantMessage { ToolCalls: { } c } => "call " + c[0].Id,
            ToolMessage t => "result " + t.ToolCallId,
            _ => m.Content,
        });

        ids.Should().Equal("You are a helpful assistant.", "Both, please.", "call c1", "result c1", "call c2", "result c2", "result stray", "Done.");
    }

    [Fact]
    public void GrowsTheMaskedOpening_WhenAParallelCallIsInsideAnAugmentedDialoguesOriginalMessages()
    {
        var dialogue = WithParallelCalls();
        dialogue = dialogue with { Metadata = dialogue.Metadata with { Augmentation = new Augmentation { Source = "chats.jsonl", Line = 1, Format = "openai", OriginalMessages = 4 } } };

        var split = ParallelCallSplitter.Split(dialogue);

        split.Metadata.Augmentation!.OriginalMessages.Should().Be(5, "the opening's three messages after the user's became four");
        using var text = new StringWriter();
        DatasetExporter.Write([split], ExportFormat.OpenAi, text);
        var weights = JsonNode.Parse(text.ToString())!["messages"]!.AsArray().Select(m => (int?)m!["weight"]).ToList();
        weights.Should().Equal(null, null, 0, null, 0, null, null);
    }

    [Fact]
    public void MarksEachSplitCallAsItsOwnTarget_WhenExportingPerTurn()
    {
        using var text = new StringWriter();

        DatasetExporter.Write([ParallelCallSplitter.Split(WithParallelCalls())], ExportFormat.OpenAi, text, perTurn: true);

        var samples = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!["messages"]!.AsArray()).ToList();
        samples.Should().HaveCount(3);
        samples.Select(s => s.Count).Should().Equal(3, 5, 7);
        foreach (var sample in samples)
        {
            var weights = sample.Where(m => (string)m!["role"]! == "assistant").Select(m => (int)m!["weight"]!).ToList();
            weights.Should().EndWith(1).And.Subject.SkipLast(1).Should().AllSatisfy(w => w.Should().Be(0));
            sample[^1]!["role"]!.GetValue<string>().Should().Be("assistant");
        }
        samples[1][^1]!["tool_calls"]![0]!["id"]!.GetValue<string>().Should().Be("c2");
    }
}
