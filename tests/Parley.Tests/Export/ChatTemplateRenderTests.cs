using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Dialogues;
using Parley.Export;
using Parley.Tests.TestDoubles;
using Parquet.Serialization;

namespace Parley.Tests.Export;

/// <summary>
/// Exports rendered through the real chat templates of Qwen2.5, Qwen3, Llama 3.1, Mistral-Nemo and DeepSeek-V3.1
/// (tests/templates/chat, SOURCES.md there): no template raises and no message text, tool call or tool result is missing
/// from the rendered string, beyond what a template leaves out for every input by design.
/// </summary>
public sealed class ChatTemplateRenderTests(GeneratedRuns runs) : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task RendersEverySampleOnEveryTemplate_WhenDialoguesOpenAiPerTurnAndParquetExportsAreRendered()
    {
        if (ChatTemplates.Unavailable is { } reason) Assert.Skip(reason);
        var run = await runs.AllDomainsAsync();
        var dialogues = run.Dialogues;
        // Per-turn samples are prefixes, ~20 per dialogue: 6 dialogues per domain give ~1,000 of them.
        var sample = dialogues.Take(48).ToList();
        var split = dialogues.Select(ParallelCallSplitter.Split).ToList();
        var splitSample = sample.Select(ParallelCallSplitter.Split).ToList();
        var files = new[]
        {
            run.DialoguesPath, Export(_temp.Combine("openai.jsonl"), dialogues, perTurn: false),
            Export(_temp.Combine("per-turn.jsonl"), sample, perTurn: true), await ParquetAsJsonlAsync(_temp.Combine("parquet.jsonl"), dialogues),
        };
        var splitFiles = new[]
        {
            Export(_temp.Combine("split-openai.jsonl"), split, perTurn: false), Export(_temp.Combine("split-per-turn.jsonl"), splitSample, perTurn: true),
            await ParquetAsJsonlAsync(_temp.Combine("split-parquet.jsonl"), split),
        };

        // Llama 3.1's template takes one call per assistant message, so it renders the exports with parallel calls split.
        var report = await ChatTemplates.RenderAsync(files, TestContext.Current.CancellationToken, ChatTemplates.Names.Where(n => n != ChatTemplates.Llama));
        var splitReport = await ChatTemplates.RenderAsync(splitFiles, TestContext.Current.CancellationToken);

        AssertAllRendered(report, 3 * dialogues.Count + AssistantMessages(sample), ChatTemplates.Names.Where(n => n != ChatTemplates.Llama));
        AssertAllRendered(splitReport, 2 * dialogues.Count + AssistantMessages(splitSample), ChatTemplates.Names);
    }

    [Fact]
    public async Task RendersParallelToolCallsOnEveryTemplate_WhenTheAgentMakesSeveralCallsInOneMessage()
    {
        if (ChatTemplates.Unavailable is { } reason) Assert.Skip(reason);
        // A task-oriented user asks for everything at once, so the agent makes independent look-ups together.
        var parallel = (await runs.AllDomainsAsync(DialogueMode.TaskOriented, 24)).Dialogues
            .Where(d => d.Messages.OfType<AssistantMessage>().Any(m => m.ToolCalls is { Count: > 1 })).ToList();
        parallel.Should().NotBeEmpty("the offline agent makes independent look-ups in one message");
        var split = parallel.Select(ParallelCallSplitter.Split).ToList();
        var files = new[]
        {
            Export(_temp.Combine("parallel-openai.jsonl"), parallel, perTurn: false), Export(_temp.Combine("parallel-per-turn.jsonl"), parallel, perTurn: true),
            await ParquetAsJsonlAsync(_temp.Combine("parallel-parquet.jsonl"), parallel),
        };
        var splitFiles = new[]
        {
            Export(_temp.Combine("split-openai.jsonl"), split, perTurn: false), Export(_temp.Combine("split-per-turn.jsonl"), split, perTurn: true),
            await ParquetAsJsonlAsync(_temp.Combine("split-parquet.jsonl"), split),
        };
        var others = ChatTemplates.Names.Where(n => n != ChatTemplates.Llama).ToList();

        var report = await ChatTemplates.RenderAsync(files, TestContext.Current.CancellationToken);
        var splitReport = await ChatTemplates.RenderAsync(splitFiles, TestContext.Current.CancellationToken);

        AssertAllRendered(report, 2 * parallel.Count + AssistantMessages(parallel), others);
        AssertAllRendered(splitReport, 2 * split.Count + AssistantMessages(split), ChatTemplates.Names);
        // Unsplit, Llama 3.1's template refuses every sample that holds a parallel call: the split is what makes it render.
        var refused = 2 * parallel.Count + parallel.Sum(d => d.Messages.Select((m, i) => (m, i))
            .Count(x => x.m is AssistantMessage && d.Messages.Take(x.i + 1).Any(m => m is AssistantMessage { ToolCalls.Count: > 1 })));
        ((int)report["templates"]![ChatTemplates.Llama]!["failed"]!).Should().Be(refused, "Llama 3.1's template takes one call per message");
    }

    [Fact]
    public async Task ReportsFailuresAndLosses_WhenAToolCallMessageHasNoContentKey()
    {
        if (ChatTemplates.Unavailable is { } reason) Assert.Skip(reason);
        var dialogues = (await runs.RetailAsync()).Dialogues.Take(3).ToList();
        var path = Export(_temp.Combine("openai.jsonl"), dialogues, perTurn: false);
        // The shape exports had before: no "content" beside tool calls, which Qwen3's and DeepSeek's templates reject.
        var lines = File.ReadAllLines(path).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        foreach (var m in lines.SelectMany(l => l["messages"]!.AsArray()).Where(m => m!["tool_calls"] is not null)) m!.AsObject().Remove("content");
        File.WriteAllLines(path, lines.Select(l => l.ToJsonString()));

        var report = await ChatTemplates.RenderAsync([path], TestContext.Current.CancellationToken);

        ((int)report["templates"]!["qwen3"]!["failed"]!).Should().Be(3);
        ((int)report["templates"]!["deepseek-v3.1"]!["failed"]!).Should().Be(3);
        ((int)report["templates"]!["qwen2.5"]!["rendered"]!).Should().Be(0, "a message without content text is reported as lost");
    }

    private static void AssertAllRendered(JsonObject report, int samples, IEnumerable<string> templates)
    {
        foreach (var name in templates)
        {
            var result = report["templates"]![name]!;
            var because = $"{name}: {result["examples"]!.ToJsonString()}";
            ((int)result["failed"]!).Should().Be(0, because);
            ((int)result["lost"]!).Should().Be(0, because);
            ((int)result["rendered"]!).Should().Be(samples, because);
        }
    }

    private static int AssistantMessages(IEnumerable<Dialogue> dialogues) => dialogues.Sum(d => d.Messages.OfType<AssistantMessage>().Count());

    private static string Export(string path, IEnumerable<Dialogue> dialogues, bool perTurn)
    {
        using (var file = new StreamWriter(path)) DatasetExporter.Write(dialogues, ExportFormat.OpenAi, file, perTurn: perTurn);
        return path;
    }

    /// <summary>The Parquet export read back with Parquet.Net, each row as the dataset card's loader gives it (null keys dropped, tools parsed).</summary>
    private async Task<string> ParquetAsJsonlAsync(string path, IReadOnlyList<Dialogue> dialogues)
    {
        using var stream = new MemoryStream();
        await ParquetExporter.WriteAsync(dialogues, "train", stream, cancellationToken: TestContext.Current.CancellationToken);
        stream.Position = 0;
        var rows = (await ParquetSerializer.DeserializeAsync<ParquetRow>(stream, cancellationToken: TestContext.Current.CancellationToken)).Data;
        rows.Should().HaveCount(dialogues.Count);
        File.WriteAllLines(path, rows.Select(row =>
        {
            var messages = JsonSerializer.SerializeToNode(row.Messages)!.AsArray();
            foreach (var m in messages.Select(m => m!.AsObject()))
            {
                foreach (var unused in m.Where(p => p.Value is null).Select(p => p.Key).ToList()) m.Remove(unused);
            }
            return new JsonObject { ["id"] = row.Id, ["messages"] = messages, ["tools"] = JsonNode.Parse(row.Tools) }.ToJsonString();
        }));
        return path;
    }
}
