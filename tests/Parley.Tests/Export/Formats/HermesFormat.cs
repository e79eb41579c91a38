using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using static Parley.Tests.Export.Formats.FormatJson;

namespace Parley.Tests.Export.Formats;

/// <summary>
/// The Hermes function-calling rules, checked on one JSONL line: <c>conversations</c> of system / human / gpt / tool;
/// the system turn lists the tools as JSON inside <c>&lt;tools&gt;&lt;/tools&gt;</c>; a gpt turn makes calls as
/// <c>{"name", "arguments"}</c> JSON inside <c>&lt;tool_call&gt;</c> tags; each following tool turn answers the next
/// unanswered call, in order, with <c>{"name", "content"}</c> inside <c>&lt;tool_response&gt;</c>; every call is
/// answered before anyone else speaks; <c>&lt;think&gt;</c> only leading a gpt turn and only with reasoning.
/// </summary>
public static partial class HermesFormat
{
    /// <summary>The rules <paramref name="line"/> breaks; empty when it is valid.</summary>
    /// <param name="line">One line of the file.</param>
    /// <param name="allowReasoning">Accept one leading <c>&lt;think&gt;</c> block in gpt turns.</param>
    public static IReadOnlyList<string> Validate(string line, bool allowReasoning = false)
    {
        var problems = new List<string>();
        if (Parse(line, problems) is not JsonObject root) return problems;
        if (root["conversations"] is not JsonArray { Count: > 1 } turns)
        {
            problems.Add("'conversations' must hold a system turn and more");
            return problems;
        }
        var tools = ToolsOf(Str(turns[0]?["from"]) == "system" ? Str(turns[0]?["value"]) : null, problems);
        var pending = new Queue<string>();
        for (var i = 1; i < turns.Count; i++)
        {
            var (from, value) = (Str(turns[i]?["from"]), Str(turns[i]?["value"]) ?? "");
            var at = $"turn {i} ({from})";
            if (from != "tool" && pending.Count > 0) problems.Add($"{at}: speaks while calls to {string.Join(", ", pending)} are unanswered");
            if (value.Contains("<think>", StringComparison.Ordinal) && (from != "gpt" || !allowReasoning || !Think().IsMatch(value))) problems.Add($"{at}: unexpected <think> block");
            switch (from)
            {
                case "human":
                    if (value.Length == 0) problems.Add($"{at}: empty");
                    break;
                case "gpt":
                    foreach (var call in Tagged(value, "tool_call", at, problems))
                    {
                        if (Str(call["name"]) is not { } name || !tools.Contains(name)) problems.Add($"{at}: calls '{call["name"]}', which is not in <tools>");
                        else pending.Enqueue(name);
                        if (call["arguments"] is not JsonObject) problems.Add($"{at}: arguments must be a JSON object");
                    }
                    break;
                case "tool":
                    var responses = Tagged(value, "tool_response", at, problems);
                    if (responses.Count == 0) problems.Add($"{at}: no <tool_response>");
                    foreach (var response in responses)
                    {
                        var name = Str(response["name"]);
                        if (!pending.TryDequeue(out var expected)) problems.Add($"{at}: a response to '{name}' that no call asked for");
                        else if (name != expected) problems.Add($"{at}: responds as '{name}' to a call to '{expected}'");
                        if (!response.ContainsKey("content")) problems.Add($"{at}: a response needs content");
                    }
                    break;
                default:
                    problems.Add($"{at}: 'from' must be human, gpt or tool after the system turn");
                    break;
            }
        }
        if (Str(turns[1]?["from"]) != "human") problems.Add("the first turn after the system turn must be the human's");
        if (Str(turns[^1]?["from"]) != "gpt") problems.Add("the last turn must be gpt");
        return problems;
    }

    private static HashSet<string> ToolsOf(string? system, List<string> problems)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var match = system is null ? null : ToolsBlock().Match(system);
        if (match is not { Success: true })
        {
            problems.Add("the first turn must be a system turn with <tools></tools>");
            return names;
        }
        var text = match.Groups[1].Value.Trim();
        // Either one JSON array or one tool object per line; both are in use.
        var tools = text.StartsWith('[') ? Parse(text, problems) as JsonArray ?? [] : [.. text.Split('\n').Select(l => Parse(l, problems))];
        foreach (var tool in tools)
        {
            var f = Str(tool?["type"]) == "function" ? tool?["function"] : tool;
            if (Str(f?["name"]) is { } name && f?["parameters"] is JsonObject) names.Add(name);
            else problems.Add("a tool in <tools> needs a name and parameters");
        }
        return names;
    }

    private static List<JsonObject> Tagged(string value, string tag, string at, List<string> problems)
    {
        var found = new List<JsonObject>();
        var opens = Regex.Count(value, $"<{tag}>");
        foreach (Match m in Regex.Matches(value, $@"<{tag}>\n(.*?)\n</{tag}>", RegexOptions.Singleline))
        {
            if (Parse(m.Groups[1].Value, problems) is JsonObject o) found.Add(o);
            else problems.Add($"{at}: <{tag}> must hold a JSON object");
        }
        if (opens != found.Count) problems.Add($"{at}: {opens} <{tag}> tags but {found.Count} well-formed blocks");
        return found;
    }

    [GeneratedRegex(@"<tools>\n(.*?)\n</tools>", RegexOptions.Singleline)]
    private static partial Regex ToolsBlock();

    [GeneratedRegex(@"^<think>\n.*?\n</think>\n", RegexOptions.Singleline)]
    private static partial Regex Think();
}
