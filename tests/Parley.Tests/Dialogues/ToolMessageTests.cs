using System.Text.Json;
using Parley.Dialogues;

namespace Parley.Tests.Dialogues;

public sealed class ToolMessageTests
{
    private const string NoRows = "{\"error\":{\"kind\":\"no_rows\",\"message\":\"No matching record.\"}}";

    [Fact]
    public void ReadsTheErrorKind_WhenLoadedFromJson()
    {
        var line = JsonSerializer.Serialize<Message>(new ToolMessage { ToolCallId = "c1", Name = "get_order", Content = NoRows }, DialogueJsonContext.Default.Message);

        var loaded = (ToolMessage)JsonSerializer.Deserialize(line, DialogueJsonContext.Default.Message)!;

        loaded.ErrorKind.Should().Be(ToolErrorKind.NoRows);
        loaded.IsError.Should().BeTrue();
        line.Should().NotContain("error_kind").And.NotContain("is_error");
    }

    [Fact]
    public void IsNoError_WhenTheContentIsARow()
    {
        var message = new ToolMessage { ToolCallId = "c1", Name = "get_order", Content = "{\"order_id\":7}" };

        message.ErrorKind.Should().BeNull();
        message.IsError.Should().BeFalse();
    }

    [Fact]
    public void ReadsTheKindAgain_WhenTheContentIsReplaced()
    {
        var failed = new ToolMessage { ToolCallId = "c1", Name = "get_order", Content = NoRows };

        var succeeded = failed with { Content = "[]" };
        var timedOut = succeeded with { Content = "{\"error\":{\"kind\":\"timeout\",\"message\":\"slow\"}}" };

        succeeded.ErrorKind.Should().BeNull();
        timedOut.ErrorKind.Should().Be(ToolErrorKind.Timeout);
    }

    [Theory]
    [InlineData("{\"error\":{\"kind\":\"melted\",\"message\":\"m\"}}")]
    [InlineData("{\"error\":{\"message\":\"m\"}}")]
    [InlineData("{\"error\": not json")]
    public void IsAnExecutionError_WhenTheKindIsMissingOrUnknown(string content)
    {
        new ToolMessage { ToolCallId = "c1", Name = "t", Content = content }.ErrorKind.Should().Be(ToolErrorKind.ExecutionError);
    }

    [Fact]
    public void KeepsTheExecutorsKind_WhenGivenOne()
    {
        var message = new ToolMessage { ToolCallId = "c1", Name = "t", Content = NoRows, ErrorKind = ToolErrorKind.PreconditionFailed };

        message.ErrorKind.Should().Be(ToolErrorKind.PreconditionFailed);
    }

    [Fact]
    public void NamesEveryKindAsItsJsonForm()
    {
        foreach (var kind in Enum.GetValues<ToolErrorKind>())
        {
            kind.Name().Should().Be(JsonSerializer.Serialize(kind, DialogueJsonContext.Default.ToolErrorKind).Trim('"'));
            ToolErrorKinds.OfContent($"{{\"error\":{{\"kind\":\"{kind.Name()}\",\"message\":\"m\"}}}}").Should().Be(kind);
        }
    }
}
