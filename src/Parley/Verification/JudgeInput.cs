using System.Globalization;
using System.Text;
using Parley.Dialogues;
using Parley.Llm;
using Parley.Tasks;

namespace Parley.Verification;

/// <summary>Writes what the judge reads: the agent's instructions and tools, each task's rubric, and the numbered transcript.</summary>
internal static class JudgeInput
{
    /// <summary>Tool results longer than this are cut, and the judge is told so.</summary>
    public const int MaxResultChars = 6000;

    /// <summary>The transcript's sections and lines, and the judge's repair messages.</summary>
    public static PromptFragments Fragments { get; } = PromptFragments.Get("judge.yaml");

    public static string Render(VerificationContext context, string? closing = null)
    {
        var f = Fragments;
        var text = new StringBuilder();
        var dialogue = context.Dialogue;
        if (dialogue.Messages.Count > 0 && dialogue.Messages[0] is SystemMessage system)
        {
            text.Append(f.Render("instructions", ("instructions", system.Content?.Trim() ?? "")));
        }
        text.Append(f["tools"]);
        foreach (var tool in context.Tools.Tools)
        {
            text.Append(f.Render("tool", ("name", tool.Name), ("access", f[tool.Access == Tools.ToolAccess.Write ? "access_write" : "access_read"]), ("description", tool.Description.Trim())));
        }
        text.Append(f["tasks"]);
        var observed = dialogue.Metadata.TaskEndStates;
        for (var i = 0; i < context.Tasks.Count; i++) Task(text, context.Tasks[i], i, i < observed.Count ? observed[i] : null);
        text.Append(f["conversation"]);
        for (var i = 1; i < dialogue.Messages.Count; i++) Message(text, i, dialogue.Messages[i]);
        text.Append('\n').Append(closing ?? f["closing"]);
        return text.ToString();
    }

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static void Task(StringBuilder text, TaskSpec task, int index, string? observed)
    {
        var f = Fragments;
        text.Append(f.Render("task", ("number", Number(index + 1)), ("difficulty", task.Difficulty.ToString()), ("goal", task.Goal)));
        for (var r = 0; r < task.SubRequests.Count; r++)
        {
            text.Append(f.Render("sub_request", ("number", Number(r + 1)), ("goal", task.SubRequests[r].Goal)));
            foreach (var action in task.ExpectedActions.Where(a => a.SubRequest == r))
            {
                text.Append(f.Render("expected_call", ("tool", action.Tool), ("arguments", action.Arguments.GetRawText())));
            }
        }
        if (task.UserFacts.Count > 0) text.Append(f.Render("user_facts", ("facts", Facts(task.UserFacts))));
        if (task.HiddenFacts.Count > 0) text.Append(f.Render("hidden_facts", ("facts", Facts(task.HiddenFacts))));
        var state = observed is null ? f["state_never_ran"]
            : observed == task.ExpectedEndState ? f["state_matches"]
            : f["state_differs"];
        text.Append(f.Render("checkpoint", ("state", state)));
    }

    private static string Facts(IReadOnlyDictionary<string, string> facts) => string.Join(", ", facts.Select(f => Fragments.Render("fact", ("name", f.Key), ("value", f.Value))));

    private static void Message(StringBuilder text, int index, Message message)
    {
        var f = Fragments;
        var at = Number(index);
        switch (message)
        {
            case UserMessage:
                text.Append(f.Render("user", ("index", at), ("content", message.Content ?? "")));
                break;
            case AssistantMessage assistant:
                if (!string.IsNullOrWhiteSpace(assistant.Content)) text.Append(f.Render("agent", ("index", at), ("content", assistant.Content)));
                foreach (var call in assistant.ToolCalls ?? [])
                {
                    text.Append(f.Render("agent_call", ("index", at), ("name", call.Function.Name), ("arguments", call.Function.Arguments ?? ""), ("id", call.Id)));
                }
                break;
            case ToolMessage tool:
                var content = tool.Content ?? "";
                if (content.Length > MaxResultChars) content = content[..MaxResultChars] + f["result_cut"];
                text.Append(f.Render("result", ("index", at), ("id", tool.ToolCallId ?? ""), ("name", tool.Name ?? ""), ("content", content)));
                break;
            default:
                text.Append(f.Render("system", ("index", at), ("content", message.Content ?? "")));
                break;
        }
    }
}
