using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Parley.Dialogues;
using Parley.Tools;

namespace Parley.Llm;

/// <summary>
/// Converts between Parley's messages and Microsoft.Extensions.AI's <see cref="ChatMessage"/>, at the <c>Llm/</c>
/// boundary only: tool calls keep their ids, arguments and results their exact JSON text.
/// </summary>
internal static class ChatMessageMapper
{
    private static readonly ConditionalWeakTable<ToolCatalog, IList<AITool>> Declarations = new();

    /// <summary>The catalog's tools as function declarations for <see cref="ChatOptions.Tools"/> (built once per catalog).</summary>
    public static IList<AITool> ToDeclarations(ToolCatalog tools) =>
        Declarations.GetValue(tools, static c => [.. c.Tools.Select(t => (AITool)AIFunctionFactory.CreateDeclaration(t.Name, t.Description, t.Parameters))]);

    /// <summary>The messages for an endpoint with native tool calling (reasoning of earlier turns is not sent back).</summary>
    public static List<ChatMessage> ToNative(IReadOnlyList<Message> messages)
    {
        var result = new List<ChatMessage>(messages.Count);
        foreach (var message in messages)
        {
            switch (message)
            {
                case SystemMessage s:
                    result.Add(new ChatMessage(ChatRole.System, s.Content ?? ""));
                    break;
                case UserMessage u:
                    result.Add(new ChatMessage(ChatRole.User, u.Content ?? ""));
                    break;
                case AssistantMessage a:
                    var contents = new List<AIContent>();
                    if (!string.IsNullOrEmpty(a.Content)) contents.Add(new TextContent(a.Content));
                    contents.AddRange((a.ToolCalls ?? []).Select(c => new FunctionCallContent(c.Id, c.Function.Name, ToDictionary(c.Function.Arguments))));
                    result.Add(new ChatMessage(ChatRole.Assistant, contents));
                    break;
                case ToolMessage t:
                    result.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(t.ToolCallId, t.Content ?? "")]));
                    break;
            }
        }
        return result;
    }

    /// <summary>
    /// The messages for an endpoint without native tools: <paramref name="toolsBlock"/> appended to the system prompt,
    /// calls as <c>&lt;tool_call&gt;</c> text, and each run of tool results as one user message of <c>&lt;tool_response&gt;</c> blocks.
    /// </summary>
    public static List<ChatMessage> ToText(IReadOnlyList<Message> messages, string toolsBlock)
    {
        var result = new List<ChatMessage>(messages.Count);
        StringBuilder? responses = null;
        foreach (var message in messages)
        {
            if (message is ToolMessage t)
            {
                (responses ??= new StringBuilder()).Append(responses.Length > 0 ? "\n" : "").Append(HermesToolCalls.Render(t));
                continue;
            }
            if (responses is not null)
            {
                result.Add(new ChatMessage(ChatRole.User, responses.ToString()));
                responses = null;
            }
            result.Add(message switch
            {
                SystemMessage s => new ChatMessage(ChatRole.System, $"{s.Content}\n\n{toolsBlock}"),
                AssistantMessage a => new ChatMessage(ChatRole.Assistant, HermesToolCalls.Render(a)),
                _ => new ChatMessage(ChatRole.User, message.Content ?? ""),
            });
        }
        if (responses is not null) result.Add(new ChatMessage(ChatRole.User, responses.ToString()));
        return result;
    }

    /// <summary>A model's call as a Parley tool call, keeping its id (or <paramref name="fallbackId"/> when it has none).</summary>
    public static ToolCall ToToolCall(FunctionCallContent call, string fallbackId) =>
        new(string.IsNullOrEmpty(call.CallId) ? fallbackId : call.CallId, new FunctionCall(call.Name, ArgumentsJson(call.Arguments)));

    /// <summary>Arguments as a JSON object text; values the provider parsed (<see cref="JsonElement"/>) are written back verbatim.</summary>
    public static string ArgumentsJson(IDictionary<string, object?>? arguments)
    {
        if (arguments is null || arguments.Count == 0) return "{}";
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Serialization.RelaxedJson.WriterOptions))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in arguments)
            {
                writer.WritePropertyName(name);
                var element = value as JsonElement? ?? JsonSerializer.SerializeToElement(value, AIJsonUtilities.DefaultOptions.GetTypeInfo(value?.GetType() ?? typeof(object)));
                element.WriteTo(writer);
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Arguments JSON text as the dictionary <see cref="FunctionCallContent"/> carries (null when not an object).</summary>
    public static Dictionary<string, object?>? ToDictionary(string arguments)
    {
        try
        {
            using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(arguments) ? "{}" : arguments);
            if (document.RootElement.ValueKind != JsonValueKind.Object) return null;
            return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone(), StringComparer.Ordinal);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
