using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using static Parley.Tests.Export.Formats.FormatJson;

namespace Parley.Tests.Export.Formats;

/// <summary>
/// LLaMA-Factory's ShareGPT rules (its <c>SharegptDatasetConverter</c> and function formatter), checked on one JSONL
/// line: <c>conversations</c> of <c>{from, value}</c> with human / observation at even positions (0-based) and gpt /
/// function_call at odd ones, an even number of turns, a <c>system</c> string, a <c>tools</c> string that parses to a
/// JSON list; a function_call value is (after an optional <c>&lt;think&gt;</c> block) a JSON call or list of calls with
/// <c>name</c> and <c>arguments</c>. Parley's own rules on top: an observation answers the function_call before it,
/// and the assistant ends with a gpt turn unless the sample ends at a call.
/// </summary>
public static partial class ShareGptFormat
{
    /// <summary>The rules <paramref name="line"/> breaks; empty when it is valid.</summary>
    /// <param name="line">One line of the file.</param>
    /// <param name="allowReasoning">Accept one leading <c>&lt;think&gt;</c> block in gpt and function_call values.</param>
    public static IReadOnlyList<string> Validate(string line, bool allowReasoning = false)
    {
        var problems = new List<string>();
        if (Parse(line, problems) is not JsonObject root) return problems;
        if (root["system"] is { } system && Str(system) is null) problems.Add("'system' must be a string");
        var tools = new HashSet<string>(StringComparer.Ordinal);
        if (Str(root["tools"]) is not { } toolText || Parse(toolText, problems) is not JsonArray toolList)
        {
            problems.Add("'tools' must be a string holding a JSON list");
        }
        else
        {
            foreach (var tool in toolList)
            {
                var f = Str(tool?["type"]) == "function" ? tool?["function"] : tool;
                if (Str(f?["name"]) is not { } name || f?["parameters"] is not JsonObject) problems.Add("a tool needs a name and parameters");
                else tools.Add(name);
            }
        }
        if (root["conversations"] is not JsonArray { Count: > 0 } turns)
        {
            problems.Add("'conversations' must be a non-empty array");
            return problems;
        }
        if (turns.Count % 2 != 0) problems.Add($"{turns.Count} turns: LLaMA-Factory needs an even number");
        string? previous = null;
        for (var i = 0; i < turns.Count; i++)
        {
            var (from, value) = (Str(turns[i]?["from"]), Str(turns[i]?["value"]));
            var at = $"turn {i} ({from})";
            string[] allowed = i % 2 == 0 ? ["human", "observation"] : ["gpt", "function_call"];
            if (!allowed.Contains(from)) problems.Add($"{at}: position {i} takes {string.Join(" or ", allowed)}");
            if (value is null)
            {
                problems.Add($"{at}: value must be a string");
                continue;
            }
            var body = from is "gpt" or "function_call" ? StripThink(value, allowReasoning, at, problems) : value;
            if (from == "function_call") Calls(body, at, tools, problems);
            if (from == "observation" && previous != "function_call") problems.Add($"{at}: an observation must answer the function_call before it");
            if (from is "human" or "gpt" && body.Length == 0) problems.Add($"{at}: empty value");
            previous = from;
        }
        return problems;
    }

    private static string StripThink(string value, bool allowReasoning, string at, List<string> problems)
    {
        var match = Think().Match(value);
        if (!match.Success) return value.Contains("<think>", StringComparison.Ordinal) ? Fail("a <think> block that is not leading and closed") : value;
        return allowReasoning ? value[match.Length..] : Fail("a <think> block while reasoning is excluded");

        string Fail(string what)
        {
            problems.Add($"{at}: {what}");
            return value;
        }
    }

    private static void Calls(string body, string at, HashSet<string> tools, List<string> problems)
    {
        var parsed = Parse(body, problems);
        var calls = parsed is JsonArray list ? [.. list] : new List<JsonNode?> { parsed };
        if (parsed is JsonArray { Count: 0 } || calls.Any(c => c is not JsonObject)) problems.Add($"{at}: must be a JSON call or a list of calls");
        foreach (var call in calls.OfType<JsonObject>())
        {
            if (Str(call["name"]) is not { } name || !tools.Contains(name)) problems.Add($"{at}: calls '{call["name"]}', which is not in tools");
            if (call["arguments"] is not JsonObject) problems.Add($"{at}: arguments must be a JSON object");
        }
    }

    [GeneratedRegex(@"^<think>\n.*?\n</think>\n", RegexOptions.Singleline)]
    private static partial Regex Think();
}
