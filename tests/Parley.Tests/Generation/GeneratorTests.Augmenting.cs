using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Dialogues;
using Parley.Export;
using Parley.Generation;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Generation;

/// <summary>Runs that continue existing conversations (<c>parley augment</c>).</summary>
public sealed partial class GeneratorTests
{
    [Fact]
    public async Task AugmentsFiftyChats_KeepingEveryOriginalTurnVerbatim_AndInjectingAToolUseNeed()
    {
        var chats = _temp.Write("chats.jsonl", ToolFreeChats.Jsonl(50));
        var originals = File.ReadAllLines(chats).Select(l => JsonNode.Parse(l)!).ToList();

        var manifest = await Generator.RuleBased.RunAsync(new GenerationOptions { Output = _temp.Combine("aug"), Augment = chats, Concurrency = 2 }, cancellationToken: Ct);

        manifest.Attempted.Should().Be(50);
        manifest.Kept.Should().BeGreaterThanOrEqualTo(45, "at least 90% verify");
        manifest.Config["augment"].Should().Be("chats.jsonl");
        var dialogues = ReadDialogues(_temp.Combine("aug", "dialogues.jsonl"));
        foreach (var dialogue in dialogues)
        {
            var augmentation = dialogue.Metadata.Augmentation!;
            var source = originals[(int)augmentation.Line - 1];
            var turns = source["messages"] is JsonArray messages
                ? messages.Where(m => m!["role"]!.GetValue<string>() != "system").Select(m => m!["content"]!.GetValue<string>())
                : source["conversations"]!.AsArray().Select(m => m!["value"]!.GetValue<string>());
            dialogue.Messages.Skip(1).Take(augmentation.OriginalMessages).Select(m => m.Content).Should().Equal(turns);
            dialogue.Messages.Skip(1 + augmentation.OriginalMessages).First().Should().BeOfType<UserMessage>();
            dialogue.Messages.Skip(1 + augmentation.OriginalMessages).OfType<AssistantMessage>().Should().Contain(m => m.ToolCalls != null && m.ToolCalls.Count > 0, "a tool-use need was injected");
        }
    }

    [Fact]
    public async Task RejectsAChatEndingWithAUserTurn_WithTheReason()
    {
        var chats = _temp.Write("chats.jsonl", """{"messages": [{"role": "user", "content": "Are you there?"}]}""" + "\n");

        var manifest = await Generator.RuleBased.RunAsync(new GenerationOptions { Output = _temp.Combine("unanswered"), Augment = chats }, cancellationToken: Ct);

        manifest.Rejected.Should().Be(1);
        File.ReadAllText(_temp.Combine("unanswered", "rejected.jsonl")).Should().Contain("end with an assistant turn");
    }

    [Fact]
    public async Task ExportsTheOriginalRepliesOfAnAugmentedChat_WithWeightZero()
    {
        var chats = _temp.Write("chats.jsonl", ToolFreeChats.Jsonl(2));
        await Generator.RuleBased.RunAsync(new GenerationOptions { Output = _temp.Combine("weights"), Augment = chats, Domains = ["library"] }, cancellationToken: Ct);
        var dialogue = ReadDialogues(_temp.Combine("weights", "dialogues.jsonl"))[1];

        using var text = new StringWriter();
        DatasetExporter.Write([dialogue], ExportFormat.OpenAi, text);

        var messages = JsonNode.Parse(text.ToString())!["messages"]!.AsArray();
        var weighted = messages.Select((m, i) => (m, i)).Where(x => x.m!["weight"] is not null).Select(x => x.i).ToList();
        weighted.Should().Equal(Enumerable.Range(1, dialogue.Metadata.Augmentation!.OriginalMessages).Where(i => dialogue.Messages[i] is AssistantMessage));
        weighted.Should().NotBeEmpty();
    }

    private static List<Dialogue> ReadDialogues(string path) =>
        [.. File.ReadLines(path).Select(l => JsonSerializer.Deserialize(l, DialogueJsonContext.Default.Dialogue)!)];
}
