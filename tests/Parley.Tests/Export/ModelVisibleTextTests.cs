using System.Text.Json;
using System.Text.RegularExpressions;
using Parley.Export;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Export;

/// <summary>No text a model sees carries a literal <c>\uXXXX</c> escape of a printable character: not the run's dialogues, not any export.</summary>
public sealed partial class ModelVisibleTextTests(GeneratedRuns runs)
{
    [Fact]
    public async Task HasNoLiteralEscapesOfPrintableCharacters_InDialoguesOrAnyExport()
    {
        var run = await runs.AllDomainsAsync();
        var files = new List<(string Name, string Text)> { ("dialogues.jsonl", File.ReadAllText(run.DialoguesPath)) };
        foreach (var format in new[] { ExportFormat.OpenAi, ExportFormat.ShareGpt, ExportFormat.Hermes })
        {
            using var text = new StringWriter();
            DatasetExporter.Write(run.Dialogues, format, text);
            files.Add((format.ToString(), text.ToString()));
        }

        foreach (var (name, text) in files)
        {
            var strings = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).SelectMany(line => Strings(JsonDocument.Parse(line).RootElement)).ToList();
            strings.SelectMany(s => LiteralEscape().Matches(s)).Where(m => !char.IsControl((char)Convert.ToInt32(m.Groups[1].Value, 16)))
                .Select(m => m.Value).Distinct().Should().BeEmpty($"{name} shows model text as it is");
            // The run's text has the characters the default encoder would escape, so the check above can fail.
            strings.Should().Contain(s => s.Contains('\'')).And.Contain(s => s.Contains('+') || s.Contains('&'));
        }
    }

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        _ => [],
    };

    [GeneratedRegex(@"\\u([0-9a-fA-F]{4})")]
    private static partial Regex LiteralEscape();
}
