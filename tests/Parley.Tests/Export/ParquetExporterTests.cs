using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Dialogues;
using Parley.Export;
using Parley.Tests.TestDoubles;
using Parquet.Serialization;

namespace Parley.Tests.Export;

public sealed class ParquetExporterTests(GeneratedRuns runs)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ReadsBackTheSameMessagesAsTheOpenAiExport_WhenWritten(bool perTurn)
    {
        var dialogues = (await runs.RetailAsync()).Dialogues;
        using var stream = new MemoryStream();

        var count = await ParquetExporter.WriteAsync(dialogues, "train", stream, perTurn: perTurn, cancellationToken: TestContext.Current.CancellationToken);

        stream.Position = 0;
        var rows = (await ParquetSerializer.DeserializeAsync<ParquetRow>(stream, cancellationToken: TestContext.Current.CancellationToken)).Data;
        using var text = new StringWriter();
        var expected = DatasetExporter.Write(dialogues, ExportFormat.OpenAi, text, perTurn: perTurn);
        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        count.Should().Be(expected).And.Be(rows.Count);
        foreach (var (row, line) in rows.Zip(lines))
        {
            // A Parquet sample's target is its last message; only the OpenAI lines carry per-message weights.
            foreach (var m in line["messages"]!.AsArray()) m!.AsObject().Remove("weight");
            JsonNode.DeepEquals(MessagesOf(row), line["messages"]).Should().BeTrue($"row {row.Id} has the messages of the OpenAI line");
            JsonNode.DeepEquals(JsonNode.Parse(row.Tools), line["tools"]).Should().BeTrue();
            row.Split.Should().Be("train");
            row.NumTurns.Should().Be(line["messages"]!.AsArray().Count - 1);
        }
        rows.Select(r => r.DialogueId).Distinct().Should().BeEquivalentTo(dialogues.Select(d => d.Id));
        rows.Should().OnlyContain(r => r.Domain == "retail" && r.Mode == "user-oriented" && r.Verdict == "passed" && r.NumTasks > 0);
    }

    private static JsonArray MessagesOf(ParquetRow row)
    {
        var json = JsonSerializer.SerializeToNode(row.Messages)!.AsArray();
        foreach (var m in json.Select(m => m!.AsObject()))
        {
            foreach (var empty in m.Where(p => p.Value is null).Select(p => p.Key).ToList()) m.Remove(empty);
        }
        return json;
    }
}
