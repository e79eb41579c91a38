using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Serialization;

namespace Parley.Tests.Serialization;

public sealed class RelaxedJsonTests
{
    private const string Text = "Let's see: <b> & +44 20 7946 0958, café, 1–4 × 2, 😊";

    [Fact]
    public void WritesPrintableCharactersAsThemselves_WhenSerialisingWithTheContext()
    {
        var json = JsonSerializer.Serialize(Text, PrimitiveJsonContext.Relaxed.String);

        json.Should().Be("\"" + Text + "\"");
    }

    [Fact]
    public void WritesPrintableCharactersAsThemselves_WhenWritingUtf8()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, RelaxedJson.WriterOptions)) writer.WriteStringValue(Text);

        System.Text.Encoding.UTF8.GetString(stream.ToArray()).Should().Be("\"" + Text + "\"");
    }

    [Fact]
    public void ReplacesALoneSurrogate_SoTheOutputStaysValidUnicode()
    {
        var json = JsonSerializer.Serialize("a\uD800b", PrimitiveJsonContext.Relaxed.String);

        json.Should().Be("\"a\uFFFDb\"");
    }

    [Fact]
    public void EscapesOnlyWhatJsonRequires_WhenTextHasQuotesBackslashesAndControls()
    {
        var json = new JsonObject { ["t"] = "a \"quote\", a \\ and a\nnew line\u0001" }.ToJsonString(RelaxedJson.Options);

        json.Should().Be("{\"t\":\"a \\\"quote\\\", a \\\\ and a\\nnew line\\u0001\"}");
        JsonNode.Parse(json)!["t"]!.GetValue<string>().Should().Be("a \"quote\", a \\ and a\nnew line\u0001");
    }
}
