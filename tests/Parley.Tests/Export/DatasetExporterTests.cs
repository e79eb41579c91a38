using System.Text.Json.Nodes;
using Parley.Dialogues;
using Parley.Export;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Export;

public sealed class DatasetExporterTests(GeneratedRuns runs)
{
    private async Task<(IReadOnlyList<Dialogue> Dialogues, List<JsonObject> Lines)> ExportAsync(ExportFormat format, bool reasoning = false)
    {
        var dialogues = (await runs.RetailAsync()).Dialogues;
        using var text = new StringWriter();
        var count = DatasetExporter.Write(dialogues, format, text, reasoning);
        count.Should().Be(dialogues.Count);
        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        lines.Should().HaveCount(dialogues.Count);
        return (dialogues, lines);
    }

    [Fact]
    public async Task FollowsOpenAiFineTuningRules_WhenExportingOpenAi()
    {
        var (dialogues, lines) = await ExportAsync(ExportFormat.OpenAi);
        foreach (var (line, dialogue) in lines.Zip(dialogues))
        {
            var messages = line["messages"]!.AsArray();
            messages.Should().HaveCount(dialogue.Messages.Count);
            messages[0]!["role"]!.GetValue<string>().Should().Be("system");
            messages.Skip(1).Should().NotContain(m => m!["role"]!.GetValue<string>() == "system");
            var pending = new HashSet<string>();
            foreach (var m in messages)
            {
                var role = m!["role"]!.GetValue<string>();
                role.Should().BeOneOf("system", "user", "assistant", "tool");
                if (m["tool_calls"] is JsonArray calls)
                {
                    pending.Should().BeEmpty("every call is answered before the assistant speaks again");
                    foreach (var call in calls)
                    {
                        call!["type"]!.GetValue<string>().Should().Be("function");
                        JsonNode.Parse(call["function"]!["arguments"]!.GetValue<string>()).Should().BeOfType<JsonObject>();
                        pending.Add(call["id"]!.GetValue<string>());
                    }
                }
                else if (role == "tool")
                {
                    pending.Remove(m["tool_call_id"]!.GetValue<string>()).Should().BeTrue();
                }
                else
                {
                    m["content"]!.GetValue<string>().Should().NotBeEmpty();
                }
                m.AsObject().ContainsKey("reasoning_content").Should().BeFalse();
            }
            pending.Should().BeEmpty();
            line["tools"]!.AsArray().Should().HaveCount(dialogue.Tools.Count).And.AllSatisfy(t => t!["type"]!.GetValue<string>().Should().Be("function"));
        }
    }

    [Fact]
    public async Task AlternatesTurnsAsLlamaFactoryRequires_WhenExportingShareGpt()
    {
        var (_, lines) = await ExportAsync(ExportFormat.ShareGpt);
        foreach (var line in lines)
        {
            var turns = line["conversations"]!.AsArray().Select(t => (From: t!["from"]!.GetValue<string>(), Value: t["value"]!.GetValue<string>())).ToList();
            for (var i = 0; i < turns.Count; i++)
            {
                // LLaMA-Factory: human/observation at even positions, gpt/function_call at odd ones.
                turns[i].From.Should().BeOneOf(i % 2 == 0 ? ["human", "observation"] : ["gpt", "function_call"]);
                if (turns[i].From == "function_call") JsonNode.Parse(turns[i].Value)!["name"].Should().NotBeNull();
                if (turns[i].From == "observation") turns[i - 1].From.Should().Be("function_call");
            }
            turns[^1].From.Should().Be("gpt");
            line["system"]!.GetValue<string>().Should().NotBeEmpty();
            JsonNode.Parse(line["tools"]!.GetValue<string>())!.AsArray().Should().NotBeEmpty();
        }
    }

    [Fact]
    public async Task WrapsCallsAndResultsInTags_WhenExportingHermes()
    {
        var (dialogues, lines) = await ExportAsync(ExportFormat.Hermes);
        foreach (var (line, dialogue) in lines.Zip(dialogues))
        {
            var turns = line["conversations"]!.AsArray();
            var system = turns[0]!["value"]!.GetValue<string>();
            turns[0]!["from"]!.GetValue<string>().Should().Be("system");
            var tools = system[(system.IndexOf("<tools>\n", StringComparison.Ordinal) + 8)..system.IndexOf("\n</tools>", StringComparison.Ordinal)];
            tools.Split('\n').Select(t => JsonNode.Parse(t)!["function"]!["name"]!.GetValue<string>())
                .Should().BeEquivalentTo(dialogue.Tools.Select(t => t.Function.Name));
            var calls = turns.Select(t => t!["value"]!.GetValue<string>()).Sum(v => CountOf(v, "<tool_call>\n"));
            var responses = turns.Count(t => t!["from"]!.GetValue<string>() == "tool");
            calls.Should().Be(dialogue.Messages.OfType<AssistantMessage>().Sum(m => m.ToolCalls?.Count ?? 0)).And.Be(responses);
            foreach (var t in turns.Where(t => t!["from"]!.GetValue<string>() == "tool"))
            {
                var value = t!["value"]!.GetValue<string>();
                value.Should().StartWith("<tool_response>\n").And.EndWith("\n</tool_response>");
                JsonNode.Parse(value[16..^17])!["name"].Should().NotBeNull();
            }
        }
    }

    [Fact]
    public void KeepsReasoning_OnlyWhenAsked()
    {
        var dialogue = new Dialogue
        {
            Id = "d",
            Messages = [new SystemMessage { Content = "s" }, new UserMessage { Content = "u" }, new AssistantMessage { Content = "a", ReasoningContent = "because" }],
            Tools = [],
            Metadata = null!,
        };
        string Export(ExportFormat format, bool reasoning)
        {
            using var text = new StringWriter();
            DatasetExporter.Write([dialogue], format, text, reasoning);
            return text.ToString();
        }

        Export(ExportFormat.OpenAi, true).Should().Contain("\"reasoning_content\":\"because\"");
        Export(ExportFormat.OpenAi, false).Should().NotContain("because");
        Export(ExportFormat.Hermes, true).Should().Contain("<think>");
        Export(ExportFormat.ShareGpt, false).Should().NotContain("<think>");
    }

    [Fact]
    public async Task WritesOneSampleEndingInEachAssistantMessage_WhenPerTurn()
    {
        var dialogues = (await runs.RetailAsync()).Dialogues;
        using var text = new StringWriter();

        var count = DatasetExporter.Write(dialogues, ExportFormat.OpenAi, text, perTurn: true);

        count.Should().Be(dialogues.Sum(d => d.Messages.OfType<AssistantMessage>().Count()));
        var samples = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!["messages"]!.AsArray()).ToList();
        samples.Should().OnlyContain(m => m[m.Count - 1]!["role"]!.GetValue<string>() == "assistant" && m[0]!["role"]!.GetValue<string>() == "system");
        samples.Select(m => m.Count).Distinct().Count().Should().BeGreaterThan(5, "prefixes of different lengths");
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    public void HoldsOutAShareOfTheEnvironments_WhenSplitting(double fraction)
    {
        var environments = Enumerable.Range(0, 40).Select(i => $"env{i % 8}").ToList();

        var validation = DatasetExporter.ValidationEnvironments(environments, fraction);

        validation.Should().HaveCount((int)Math.Ceiling(fraction * 8)).And.OnlyContain(e => environments.Contains(e));
        DatasetExporter.ValidationEnvironments(Enumerable.Reverse(environments), fraction).Should().BeEquivalentTo(validation, "the choice depends only on which environments there are");
        DatasetExporter.ValidationEnvironments(environments, 0).Should().BeEmpty();
        DatasetExporter.ValidationEnvironments(["only"], 0.5).Should().BeEmpty("one environment cannot be split");
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + 1, StringComparison.Ordinal)) count++;
        return count;
    }
}
