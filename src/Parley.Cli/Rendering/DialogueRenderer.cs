using Parley.Dialogues;

namespace Parley.Cli.Rendering;

/// <summary>Renders a dialogue as plain, readable text: who said what, tool calls and results indented.</summary>
internal static class DialogueRenderer
{
    public static void Write(Dialogue dialogue, TextWriter output)
    {
        var m = dialogue.Metadata;
        output.WriteLine($"# {dialogue.Id}  ({m.Domain}, {m.Mode.Name()}, {m.Counts.Turns} turns, {m.Counts.Tasks} tasks, {m.Counts.ToolCalls} tool calls, {m.Termination.ToString()})");
        output.WriteLine($"# persona: {m.Persona}");
        output.WriteLine($"# verdict: {(m.Verdict is null ? "not verified" : m.Verdict.Passed ? "passed" : "failed — " + string.Join("; ", m.Verdict.Failures))}");
        output.WriteLine();
        foreach (var message in dialogue.Messages)
        {
            switch (message)
            {
                case SystemMessage s:
                    output.WriteLine($"SYSTEM     {Indent(s.Content, 11)}");
                    break;
                case UserMessage u:
                    output.WriteLine($"USER       {Indent(u.Content, 11)}");
                    break;
                case AssistantMessage a:
                    if (!string.IsNullOrEmpty(a.Content)) output.WriteLine($"ASSISTANT  {Indent(a.Content, 11)}");
                    foreach (var call in a.ToolCalls ?? []) output.WriteLine($"  → call   {call.Function.Name}({call.Function.Arguments})  [{call.Id}]");
                    break;
                case ToolMessage t:
                    output.WriteLine($"  ← result {Truncate(t.Content, 300)}");
                    break;
            }
            output.WriteLine();
        }
    }

    private static string Indent(string? text, int width) => (text ?? "").Replace("\n", "\n" + new string(' ', width), StringComparison.Ordinal);

    private static string Truncate(string? text, int max) => text is null ? "" : text.Length <= max ? text : text[..max] + "…";
}
