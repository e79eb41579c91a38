using System.Text.Json;
using Parley.Dialogues;

namespace Parley.Evaluation;

/// <summary>What the attribution rules read from a trajectory: the successful writes (with whether they were confirmed and any value found nowhere before them), tool failures, and what the user said.</summary>
internal sealed class Trace
{
    private readonly List<(int Index, string Text)> _userTexts = [];
    private readonly List<(int Index, string Text)> _toolTexts = [];

    public List<Write> Writes { get; } = [];

    public List<string> ToolErrors { get; } = [];

    public IEnumerable<string> UserTexts => _userTexts.Select(u => u.Text);

    /// <summary>True when a user message gives <paramref name="value"/> before any tool result holds it.</summary>
    public bool RevealedByUser(string value)
    {
        var byUser = _userTexts.FirstOrDefault(u => u.Text.Contains(value, StringComparison.OrdinalIgnoreCase));
        if (byUser.Text is null) return false;
        var byTool = _toolTexts.FirstOrDefault(t => t.Text.Contains(value, StringComparison.OrdinalIgnoreCase));
        return byTool.Text is null || byTool.Index > byUser.Index;
    }

    public static Trace Of(Dialogue dialogue, IReadOnlySet<string> writeTools)
    {
        var trace = new Trace();
        var messages = dialogue.Messages;
        var results = messages.OfType<ToolMessage>().ToDictionary(m => m.ToolCallId, StringComparer.Ordinal);
        // The tools' own declarations count as known: an enum value or an example there is not invented.
        var seen = new System.Text.StringBuilder(JsonSerializer.Serialize(dialogue.Tools, DialogueJsonContext.Default.IReadOnlyListToolDefinition));
        var lastUser = -1;
        var lastAssistantTextBeforeUser = (string?)null;
        var lastAssistantText = (string?)null;
        for (var i = 0; i < messages.Count; i++)
        {
            switch (messages[i])
            {
                case SystemMessage s:
                    seen.Append(s.Content).Append('\n');
                    break;
                case UserMessage u:
                    trace._userTexts.Add((i, u.Content ?? ""));
                    seen.Append(u.Content).Append('\n');
                    lastUser = i;
                    lastAssistantTextBeforeUser = lastAssistantText;
                    break;
                case ToolMessage t:
                    trace._toolTexts.Add((i, t.Content ?? ""));
                    seen.Append(t.Content).Append('\n');
                    if (t.ErrorKind is ToolErrorKind.ExecutionError or ToolErrorKind.Timeout)
                        trace.ToolErrors.Add($"{t.Name}: {ErrorMessage(t.Content!)}");
                    break;
                case AssistantMessage a:
                    // The agent's own words are no source for a value: only the user, the tools and the prompt are.
                    if (!string.IsNullOrWhiteSpace(a.Content)) lastAssistantText = a.Content;
                    foreach (var call in a.ToolCalls ?? [])
                    {
                        if (!writeTools.Contains(call.Function.Name)) continue;
                        if (!results.TryGetValue(call.Id, out var result) || result.IsError) continue;
                        var values = Values(call.Function.Arguments);
                        var known = seen.ToString();
                        var unsupported = values.FirstOrDefault(v => v.Length >= 3 && !known.Contains(v, StringComparison.OrdinalIgnoreCase));
                        var confirmed = lastUser >= 0 && lastAssistantTextBeforeUser is { } asked && values.Any(v => v.Length >= 2 && asked.Contains(v, StringComparison.OrdinalIgnoreCase));
                        trace.Writes.Add(new Write(call.Function.Name, CanonicalJson.OfArguments(call.Function.Arguments), unsupported, confirmed));
                    }
                    break;
            }
        }
        return trace;
    }

    private static List<string> Values(string arguments)
    {
        try
        {
            using var document = JsonDocument.Parse(arguments.Length == 0 ? "{}" : arguments);
            return [.. CanonicalJson.Leaves(document.RootElement).Where(v => v.Length > 0)];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static string ErrorMessage(string content)
    {
        try
        {
            using var document = JsonDocument.Parse(content);
            return document.RootElement.GetProperty("error").TryGetProperty("message", out var value) ? value.GetString() ?? "error" : "error";
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return "error";
        }
    }

    /// <summary>A successful write call.</summary>
    /// <param name="Tool">The tool.</param>
    /// <param name="Arguments">Its arguments, canonical.</param>
    /// <param name="Unsupported">An argument value found nowhere in the conversation before the call, if any.</param>
    /// <param name="Confirmed">True when the agent's last words before the user's last message named the call's values.</param>
    public sealed record Write(string Tool, string Arguments, string? Unsupported, bool Confirmed);
}
