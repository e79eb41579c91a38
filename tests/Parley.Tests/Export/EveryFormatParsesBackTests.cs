using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Dialogues;
using Parley.Export;
using Parley.Tests.Export.Formats;
using Parley.Tests.TestDoubles;
using Parquet.Serialization;

namespace Parley.Tests.Export;

/// <summary>The "done means": a 200-dialogue run, exported to every format and shape, parses back by each format's own rules.</summary>
public sealed class EveryFormatParsesBackTests(GeneratedRuns runs) : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string, bool, bool> Cases()
    {
        var cases = new TheoryData<string, bool, bool>();
        foreach (var format in new[] { "openai", "sharegpt", "hermes", "parquet" })
        {
            foreach (var perTurn in new[] { false, true })
            {
                foreach (var reasoning in new[] { false, true }) cases.Add(format, perTurn, reasoning);
            }
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task EverySampleFollowsTheFormatsRules_WhenExportingA200DialogueRun(string format, bool perTurn, bool reasoning)
    {
        var run = (await runs.AllDomainsAsync()).Dialogues;
        run.Should().HaveCount(200);
        // Per-turn samples are prefixes, ~20 per dialogue: the first 48 dialogues (6 per domain) give ~1,000 of them.
        var dialogues = run.Take(perTurn ? 48 : run.Count).Select(WithReasoning).ToList();

        var lines = format == "parquet" ? await ParquetAsLinesAsync(dialogues, perTurn, reasoning) : Jsonl(dialogues, format, perTurn, reasoning);

        lines.Should().HaveCount(perTurn ? dialogues.Sum(d => d.Messages.OfType<AssistantMessage>().Count()) : dialogues.Count);
        Func<string, bool, IReadOnlyList<string>> validate = format switch
        {
            "sharegpt" => ShareGptFormat.Validate,
            "hermes" => HermesFormat.Validate,
            _ => OpenAiFineTuningFormat.Validate,
        };
        var problems = lines.SelectMany((line, i) => validate(line, reasoning).Select(p => $"line {i + 1}: {p}")).Take(20).ToList();
        problems.Should().BeEmpty();
        var marker = format is "openai" or "parquet" ? "\"reasoning_content\"" : "<think>";
        lines.Count(l => l.Contains(marker, StringComparison.Ordinal)).Should().Be(reasoning ? lines.Count : 0);
        if (!perTurn)
        {
            lines.Select(l => CallsIn(l, format)).Should().Equal(dialogues.Select(d => d.Metadata.Counts.ToolCalls), "every tool call survives the export");
        }
    }

    private static Dialogue WithReasoning(Dialogue dialogue) => dialogue with
    {
        Messages = [.. dialogue.Messages.Select((m, i) => m is AssistantMessage a ? a with { ReasoningContent = $"Step {i}: check what the user asked against the data." } : m)],
    };

    private static List<string> Jsonl(IReadOnlyList<Dialogue> dialogues, string format, bool perTurn, bool reasoning)
    {
        var kind = format switch { "openai" => ExportFormat.OpenAi, "sharegpt" => ExportFormat.ShareGpt, _ => ExportFormat.Hermes };
        using var text = new StringWriter();
        DatasetExporter.Write(dialogues, kind, text, reasoning, perTurn);
        return [.. text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }

    /// <summary>Writes the Hugging Face folder, reads its Parquet back and turns each row into an OpenAI line (rows carry OpenAI messages).</summary>
    private async Task<List<string>> ParquetAsLinesAsync(IReadOnlyList<Dialogue> dialogues, bool perTurn, bool reasoning)
    {
        var folder = _temp.Combine("hf");
        await HuggingFaceDataset.WriteAsync(folder, dialogues, [], manifest: null, reasoning, perTurn, cancellationToken: TestContext.Current.CancellationToken);
        File.ReadAllText(Path.Combine(folder, HuggingFaceDataset.CardFile)).Should().Contain("path: data/train.parquet").And.NotContain("validation.parquet");
        var rows = (await ParquetSerializer.DeserializeAsync<ParquetRow>(Path.Combine(folder, "data", "train.parquet"), cancellationToken: TestContext.Current.CancellationToken)).Data;
        return [.. rows.Select(row =>
        {
            var messages = JsonSerializer.SerializeToNode(row.Messages)!.AsArray();
            foreach (var m in messages.Select(m => m!.AsObject()))
            {
                foreach (var unused in m.Where(p => p.Value is null).Select(p => p.Key).ToList()) m.Remove(unused);
            }
            return new JsonObject { ["messages"] = messages, ["tools"] = JsonNode.Parse(row.Tools) }.ToJsonString();
        })];
    }

    // A function_call turn is the reasoning block, if any, then one call object or an array of parallel calls.
    private static string AfterThinking(string value) =>
        value.IndexOf("</think>", StringComparison.Ordinal) is var end and >= 0 ? value[(end + "</think>".Length)..].Trim() : value;

    private static int CallsIn(string line, string format)
    {
        var root = JsonNode.Parse(line)!;
        return format switch
        {
            "sharegpt" => root["conversations"]!.AsArray().Where(t => (string?)t!["from"] == "function_call")
                .Sum(t => JsonNode.Parse(AfterThinking((string)t!["value"]!)) is JsonArray a ? a.Count : 1),
            "hermes" => root["conversations"]!.AsArray().Sum(t => ((string)t!["value"]!).Split("<tool_call>\n").Length - 1),
            _ => root["messages"]!.AsArray().Sum(m => m!["tool_calls"]?.AsArray().Count ?? 0),
        };
    }
}
