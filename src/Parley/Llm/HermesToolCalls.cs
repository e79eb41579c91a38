using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Parley.Dialogues;
using Parley.Serialization;
using Parley.Tools;

namespace Parley.Llm;

/// <summary>A tool call parsed from text: the tool's name and its arguments as JSON object text.</summary>
internal sealed record ParsedToolCall(string Name, string Arguments);

/// <summary>
/// Tool calling in text, for endpoints without native tools, in the Hermes convention the Hermes export also writes:
/// tools listed in the system prompt, calls as <c>&lt;tool_call&gt;{"name", "arguments"}&lt;/tool_call&gt;</c> blocks
/// (several = parallel), results as <c>&lt;tool_response&gt;</c> blocks. A bare <c>{"name", "arguments"}</c> reply is a call too.
/// </summary>
internal static partial class HermesToolCalls
{
    /// <summary>The instructions and tool list appended to the system prompt.</summary>
    public static string Describe(ToolCatalog tools, Prompt prompt) => prompt.Render(new Dictionary<string, string>
    {
        ["tools"] = string.Join('\n', tools.Definitions.Select(t => JsonSerializer.Serialize(t, DialogueJsonContext.Relaxed.ToolDefinition))),
    }).Trim();

    /// <summary>An assistant message as text: its content, then one block per call.</summary>
    public static string Render(AssistantMessage message)
    {
        var text = new StringBuilder(message.Content ?? "");
        foreach (var call in message.ToolCalls ?? [])
        {
            if (text.Length > 0) text.Append('\n');
            text.Append("<tool_call>\n{\"name\":").Append(JsonSerializer.Serialize(call.Function.Name, PrimitiveJsonContext.Relaxed.String))
                .Append(",\"arguments\":").Append(IsObject(call.Function.Arguments) ? call.Function.Arguments : "{}").Append("}\n</tool_call>");
        }
        return text.ToString();
    }

    /// <summary>A tool result as a <c>&lt;tool_response&gt;</c> block.</summary>
    public static string Render(ToolMessage message) =>
        "<tool_response>\n{\"name\":" + JsonSerializer.Serialize(message.Name, PrimitiveJsonContext.Relaxed.String)
        + ",\"content\":" + (IsJson(message.Content) ? message.Content : JsonSerializer.Serialize(message.Content ?? "", PrimitiveJsonContext.Relaxed.String))
        + "}\n</tool_response>";

    /// <summary>Splits a reply into its text and its calls; <c>Problem</c> says why a block could not be read.</summary>
    /// <remarks>A <c>&lt;tool_response&gt;</c> the model wrote itself is an invented result: it and everything after it are dropped.</remarks>
    public static (string Text, IReadOnlyList<ParsedToolCall> Calls, string? Problem) Parse(string reply)
    {
        var invented = reply.IndexOf("<tool_response>", StringComparison.Ordinal);
        if (invented >= 0) reply = reply[..invented];
        var calls = new List<ParsedToolCall>();
        var blocks = Block().Matches(reply);
        if (blocks.Count == 0)
        {
            // A bare {"name", "arguments"} reply (possibly fenced) is a single call.
            var trimmed = reply.Trim().Trim('`').Trim();
            if (trimmed.StartsWith("json", StringComparison.OrdinalIgnoreCase)) trimmed = trimmed[4..].TrimStart();
            if (trimmed.StartsWith('{') && trimmed.EndsWith('}') && ReadCall(trimmed) is { Call: { } bare }) return ("", [bare], null);
            return (reply.Trim(), calls, null);
        }
        foreach (Match block in blocks)
        {
            var (call, problem) = ReadCall(block.Groups["body"].Value);
            if (call is null) return (reply, [], $"a <tool_call> block could not be read: {problem}");
            calls.Add(call);
        }
        return (Block().Replace(reply, "").Trim(), calls, null);
    }

    private static (ParsedToolCall? Call, string? Problem) ReadCall(string body)
    {
        var json = StructuredOutput.ExtractObject(body);
        if (json is null) return (null, "it holds no JSON object");
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (!root.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String || name.GetString() is not { Length: > 0 } toolName)
            {
                return (null, "it has no \"name\"");
            }
            var arguments = root.TryGetProperty("arguments", out var a) ? a : root.TryGetProperty("parameters", out var p) ? p : default;
            return arguments.ValueKind switch
            {
                JsonValueKind.Undefined or JsonValueKind.Null => (new ParsedToolCall(toolName, "{}"), null),
                JsonValueKind.Object => (new ParsedToolCall(toolName, arguments.GetRawText()), null),
                JsonValueKind.String when IsObject(arguments.GetString()) => (new ParsedToolCall(toolName, arguments.GetString()!), null),
                _ => (null, "\"arguments\" is not a JSON object"),
            };
        }
        catch (JsonException e)
        {
            return (null, $"invalid JSON: {e.Message}");
        }
    }

    private static bool IsObject(string? json) => IsJson(json) && json!.TrimStart().StartsWith('{');

    private static bool IsJson(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return false;
        try
        {
            using var _ = JsonDocument.Parse(json);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    // An unclosed last block (the model stopped at its end-of-turn token) still counts.
    [GeneratedRegex(@"<tool_call>(?<body>.*?)(</tool_call>|$)", RegexOptions.Singleline)]
    private static partial Regex Block();
}
