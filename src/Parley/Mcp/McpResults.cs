using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;
using Parley.Dialogues;
using Parley.Serialization;
using Parley.Tools;

namespace Parley.Mcp;

/// <summary>Converts between MCP tool results and Parley's <see cref="ToolResult"/>, both ways.</summary>
internal static class McpResults
{
    /// <summary>
    /// An MCP result as the JSON the agent sees: its structured content, else its text when that is JSON, else
    /// <c>{"text": ...}</c>. An <c>isError</c> result is a failure. One already in Parley's error form
    /// (<c>{"error": {"kind", "message"}}</c>, as a Parley server writes it) is kept as it is, with its kind read by
    /// <see cref="ToolErrorKinds.OfContent"/> — the same reading a recorded dialogue gets — so a kind Parley does not
    /// know is an <see cref="ToolErrorKind.ExecutionError"/> whose content still names the server's own kind. Any other
    /// error text becomes the message of an execution error.
    /// </summary>
    public static ToolResult ToToolResult(CallToolResult result)
    {
        var text = string.Join("\n", result.Content.OfType<TextContentBlock>().Select(t => t.Text));
        if (result.IsError == true)
        {
            if (ToolErrorKinds.OfContent(text) is { } kind) return new ToolResult { Content = Compact(text), Error = kind };
            return ToolResult.Failure(ToolErrorKind.ExecutionError, text.Length > 0 ? text : "The tool failed without saying why.");
        }
        if (result.StructuredContent is { ValueKind: JsonValueKind.Object or JsonValueKind.Array } structured) return ToolResult.Success(Compact(structured.GetRawText()));
        if (TryParse(text) is { } json) return ToolResult.Success(json);
        return ToolResult.Success(new JsonObject { ["text"] = text }.ToJsonString(PrimitiveJsonContext.Relaxed.Options));
    }

    /// <summary>Whether <paramref name="result"/> carries binary content: an image, audio, or an embedded blob.</summary>
    public static bool IsBinary(CallToolResult result) =>
        result.Content.Any(b => b is ImageContentBlock or AudioContentBlock or EmbeddedResourceBlock { Resource: BlobResourceContents });

    /// <summary>A Parley result as an MCP result: its JSON as text (and as structured content when it is an object), <c>isError</c> on failure.</summary>
    public static CallToolResult ToCallToolResult(ToolResult result) => new()
    {
        Content = [new TextContentBlock { Text = result.Content }],
        IsError = result.IsSuccess ? null : true,
    };

    private static string? TryParse(string text)
    {
        if (text.Length == 0 || text[0] is not ('{' or '[')) return null;
        try
        {
            return JsonNode.Parse(text)?.ToJsonString(PrimitiveJsonContext.Relaxed.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Compact(string json) => TryParse(json) ?? json;
}
