using System.Text.Json;
using Parley.Serialization;

namespace Parley.Tests.Serialization;

public sealed class IndentedJsonTests
{
    [Fact]
    public void WritesWhatAnIndentedCopyOfTheContextsOptionsWrites_WithAClosingLineBreak()
    {
        var value = new Dictionary<string, string> { ["name"] = "Zoë <b>&", ["quote"] = "\"x\"" };
        var indentedCopy = new PrimitiveJsonContext(new JsonSerializerOptions(PrimitiveJsonContext.Relaxed.Options) { WriteIndented = true });

        var text = IndentedJson.Serialize(value, PrimitiveJsonContext.Relaxed.DictionaryStringString);

        text.Should().Be(JsonSerializer.Serialize(value, indentedCopy.DictionaryStringString) + "\n").And.Contain("\n  \"name\": \"Zoë <b>&\"");
    }
}
