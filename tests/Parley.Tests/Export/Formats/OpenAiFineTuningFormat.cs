using System.Text.Json;
using System.Text.Json.Nodes;
using static Parley.Tests.Export.Formats.FormatJson;

namespace Parley.Tests.Export.Formats;

/// <summary>
/// The OpenAI fine-tuning chat format's rules, checked on one JSONL line: a <c>messages</c> array whose roles are
/// system / user / assistant / tool, at most one system message and only first, assistant messages with content or
/// tool calls, every tool call well formed (arguments a JSON object serialised as a string) and answered by the tool
/// messages that follow it, a <c>tools</c> array of functions, and an assistant message last; <c>weight</c> (0 or 1) only
/// on assistant messages. A top-level <c>id</c> is accepted: OpenAI's own format checker inspects only the messages.
/// </summary>
public static class OpenAiFineTuningFormat
{
    private static readonly HashSet<string> MessageKeys = ["role", "content", "name", "tool_calls", "tool_call_id", "weight"];

    /// <summary>The rules <paramref name="line"/> breaks; empty when it is valid.</summary>
    /// <param name="line">One line of the file.</param>
    /// <param name="allowReasoning">Accept <c>reasoning_content</c> on assistant messages (the reasoning-model extension).</param>
    public static IReadOnlyList<string> Validate(string line, bool allowReasoning = false)
    {
        var problems = new List<string>();
        if (Parse(line, problems) is not JsonObject root) return problems;
        foreach (var key in root.Select(p => p.Key).Where(k => k is not ("id" or "messages" or "tools" or "parallel_tool_calls"))) problems.Add($"unknown top-level key '{key}'");
        var tools = Tools(root["tools"], problems);
        if (root["messages"] is not JsonArray { Count: > 0 } messages)
        {
            problems.Add("'messages' must be a non-empty array");
            return problems;
        }
        var pending = new HashSet<string>(StringComparer.Ordinal);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var lastCalled = -1;
        for (var i = 0; i < messages.Count; i++)
        {
            var at = $"message {i}";
            if (messages[i] is not JsonObject m)
            {
                problems.Add($"{at}: not an object");
                continue;
            }
            var role = Str(m["role"]);
            foreach (var key in m.Select(p => p.Key).Where(k => !MessageKeys.Contains(k) && !(allowReasoning && role == "assistant" && k == "reasoning_content")))
            {
                problems.Add($"{at}: unknown key '{key}'");
            }
            if (m["weight"] is { } weight && (role != "assistant" || weight.GetValueKind() != JsonValueKind.Number || weight.GetValue<int>() is not (0 or 1)))
            {
                problems.Add($"{at}: weight must be 0 or 1, on an assistant message");
            }
            if (role != "tool" && pending.Count > 0) problems.Add($"{at}: {role} speaks while tool calls {string.Join(", ", pending)} are unanswered");
            switch (role)
            {
                case "system":
                    if (i != 0) problems.Add($"{at}: a system message may only come first");
                    RequireContent(m, at, problems);
                    break;
                case "user":
                    RequireContent(m, at, problems);
                    break;
                case "assistant":
                    if (m["reasoning_content"] is { } r && r.GetValueKind() != JsonValueKind.String) problems.Add($"{at}: reasoning_content must be a string");
                    if (m["tool_calls"] is null)
                    {
                        RequireContent(m, at, problems);
                        break;
                    }
                    if (m["content"] is { } c && c.GetValueKind() != JsonValueKind.String) problems.Add($"{at}: content must be a string");
                    if (m["tool_calls"] is not JsonArray { Count: > 0 } calls)
                    {
                        problems.Add($"{at}: tool_calls must be a non-empty array");
                        break;
                    }
                    lastCalled = i;
                    foreach (var call in calls) ToolCall(call, $"{at}", tools, ids, pending, problems);
                    break;
                case "tool":
                    var answers = Str(m["tool_call_id"]);
                    if (answers is null || !pending.Remove(answers)) problems.Add($"{at}: tool_call_id '{answers}' answers no preceding unanswered tool call");
                    if (m["content"]?.GetValueKind() != JsonValueKind.String) problems.Add($"{at}: content must be a string");
                    break;
                default:
                    problems.Add($"{at}: role '{role}' is not system, user, assistant or tool");
                    break;
            }
        }
        if (Str(messages[^1]?["role"]) != "assistant") problems.Add("the last message must be the assistant's");
        else if (pending.Count > 0 && lastCalled != messages.Count - 1) problems.Add($"tool calls {string.Join(", ", pending)} are never answered");
        return problems;
    }

    private static void ToolCall(JsonNode? call, string at, HashSet<string>? tools, HashSet<string> ids, HashSet<string> pending, List<string> problems)
    {
        var id = Str(call?["id"]);
        if (string.IsNullOrEmpty(id)) problems.Add($"{at}: a tool call has no id");
        else if (!ids.Add(id)) problems.Add($"{at}: tool call id '{id}' is used twice");
        else pending.Add(id);
        if (Str(call?["type"]) != "function") problems.Add($"{at}: tool call '{id}' must have type 'function'");
        var name = Str(call?["function"]?["name"]);
        if (string.IsNullOrEmpty(name)) problems.Add($"{at}: tool call '{id}' has no function.name");
        else if (tools is not null && !tools.Contains(name)) problems.Add($"{at}: tool call '{id}' calls '{name}', which is not in tools");
        if (call?["function"]?["arguments"] is not { } arguments || arguments.GetValueKind() != JsonValueKind.String)
        {
            problems.Add($"{at}: tool call '{id}' must have function.arguments as a JSON string");
        }
        else if (Parse(arguments.GetValue<string>(), []) is not JsonObject)
        {
            problems.Add($"{at}: tool call '{id}' arguments do not parse to a JSON object");
        }
    }

    private static HashSet<string>? Tools(JsonNode? node, List<string> problems)
    {
        if (node is null) return null;
        if (node is not JsonArray tools)
        {
            problems.Add("'tools' must be an array");
            return null;
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (tool, i) in tools.Select((t, i) => (t, i)))
        {
            var f = tool?["function"];
            if (Str(tool?["type"]) != "function" || f is not JsonObject) problems.Add($"tool {i}: must be {{type: function, function: {{...}}}}");
            var name = Str(f?["name"]);
            if (string.IsNullOrEmpty(name) || !names.Add(name)) problems.Add($"tool {i}: missing or repeated name '{name}'");
            if (Str(f?["description"]) is null) problems.Add($"tool {i}: description must be a string");
            if (f?["parameters"] is not JsonObject parameters || Str(parameters["type"]) != "object") problems.Add($"tool {i}: parameters must be a JSON Schema object");
        }
        return names;
    }

    private static void RequireContent(JsonObject m, string at, List<string> problems)
    {
        if (string.IsNullOrEmpty(Str(m["content"]))) problems.Add($"{at}: content must be a non-empty string");
    }
}
