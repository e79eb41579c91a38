using System.Text.Json;
using ModelContextProtocol.Protocol;
using Parley.Dialogues;
using Parley.Mcp;
using Parley.Tools;

namespace Parley.Tests.Mcp;

public sealed class McpResultsTests
{
    private static CallToolResult Text(string text, bool? isError = null) => new() { Content = [new TextContentBlock { Text = text }], IsError = isError };

    [Fact]
    public void CallsAResultBinary_WhenItCarriesAnImageAudioOrABlob_NotText()
    {
        byte[] bytes = [0x89, 0x50, 0x4e, 0x47];
        CallToolResult With(ContentBlock block) => new() { Content = [new TextContentBlock { Text = "file.png" }, block] };

        McpResults.IsBinary(With(ImageContentBlock.FromBytes(bytes, "image/png"))).Should().BeTrue();
        McpResults.IsBinary(With(AudioContentBlock.FromBytes(bytes, "audio/wav"))).Should().BeTrue();
        McpResults.IsBinary(With(new EmbeddedResourceBlock { Resource = BlobResourceContents.FromBytes(bytes, "file:///a.bin", "application/octet-stream") })).Should().BeTrue();
        McpResults.IsBinary(With(new EmbeddedResourceBlock { Resource = new TextResourceContents { Uri = "file:///a.md", Text = "# notes" } })).Should().BeFalse("an embedded text resource is text");
        McpResults.IsBinary(Text("""{"files": 3}""")).Should().BeFalse();
    }

    [Fact]
    public void KeepsTheErrorKind_WhenAParleyServerReturnsAnIsErrorResult()
    {
        var result = McpResults.ToToolResult(Text("""{"error": {"kind": "no_rows", "message": "No matching record."}}""", isError: true));

        result.Error.Should().Be(ToolErrorKind.NoRows);
        result.Content.Should().Be("""{"error":{"kind":"no_rows","message":"No matching record."}}""");
    }

    [Fact]
    public void KeepsTheContentAsAnExecutionError_WhenAParleyShapedErrorNamesAnUnknownKind()
    {
        var result = McpResults.ToToolResult(Text("""{"error": {"kind": "quota_exceeded", "message": "Too many calls."}}""", isError: true));

        result.Error.Should().Be(ToolErrorKind.ExecutionError);
        result.Content.Should().Be("""{"error":{"kind":"quota_exceeded","message":"Too many calls."}}""", "the server's own kind stays readable");
        ToolErrorKinds.OfContent(result.Content).Should().Be(result.Error, "a recorded message reads back as the same kind");
    }

    [Theory]
    [InlineData("""{"error": {"message": "No kind."}}""")]
    [InlineData("""{"error": "just text"}""")]
    public void ReadsTheSameKindAsARecordedMessage_WhenTheErrorJsonHasNoKind(string text)
    {
        var result = McpResults.ToToolResult(Text(text, isError: true));

        result.Error.Should().Be(ToolErrorKind.ExecutionError);
        ToolErrorKinds.OfContent(result.Content).Should().Be(result.Error);
    }

    [Fact]
    public void ReturnsAnExecutionErrorTheAgentSees_WhenAnyOtherServerReturnsIsError()
    {
        var result = McpResults.ToToolResult(Text("Entity with name Bob not found", isError: true));

        result.Error.Should().Be(ToolErrorKind.ExecutionError);
        ToolMessage.IsErrorContent(result.Content).Should().BeTrue();
        result.Content.Should().Contain("Entity with name Bob not found");
    }

    [Fact]
    public void PrefersStructuredContent_ThenJsonText_ThenWrapsPlainText()
    {
        var structured = McpResults.ToToolResult(new CallToolResult { Content = [new TextContentBlock { Text = "{ \"a\": 1 }" }], StructuredContent = JsonElement.Parse("""{"b": 2}""") });
        var json = McpResults.ToToolResult(Text("[ {\"a\": 1} ]"));
        var plain = McpResults.ToToolResult(Text("Allowed directories: /tmp"));

        structured.Content.Should().Be("""{"b":2}""");
        json.Content.Should().Be("""[{"a":1}]""");
        plain.Content.Should().Be("""{"text":"Allowed directories: /tmp"}""");
        new[] { structured, json, plain }.Should().AllSatisfy(r => r.IsSuccess.Should().BeTrue());
    }

    [Fact]
    public void MarksFailuresAsIsError_WhenAParleyResultIsServed()
    {
        McpResults.ToCallToolResult(ToolResult.Failure(ToolErrorKind.PreconditionFailed, "Not allowed.")).IsError.Should().BeTrue();
        McpResults.ToCallToolResult(ToolResult.Success("[]")).IsError.Should().NotBe(true);
    }
}
