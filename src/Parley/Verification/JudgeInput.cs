using System.Text;
using Parley.Dialogues;
using Parley.Tasks;

namespace Parley.Verification;

/// <summary>Writes what the judge reads: the agent's instructions and tools, each task's rubric, and the numbered transcript.</summary>
internal static class JudgeInput
{
    /// <summary>Tool results longer than this are cut, and the judge is told so.</summary>
    public const int MaxResultChars = 6000;

    public static string Render(VerificationContext context, string closing = "Judge this conversation now. Reply with the JSON object only.")
    {
        var text = new StringBuilder();
        var dialogue = context.Dialogue;
        if (dialogue.Messages.Count > 0 && dialogue.Messages[0] is SystemMessage system)
        {
            text.Append("## The agent's instructions\n\n").Append(system.Content?.Trim()).Append("\n\n");
        }
        text.Append("## The agent's tools\n\n");
        foreach (var tool in context.Tools.Tools)
        {
            text.Append($"- {tool.Name} ({(tool.Access == Tools.ToolAccess.Write ? "write" : "read")}): {tool.Description.Trim()}\n");
        }
        text.Append("\n## The tasks and their rubric\n\n");
        var observed = dialogue.Metadata.TaskEndStates;
        for (var i = 0; i < context.Tasks.Count; i++) Task(text, context.Tasks[i], i, i < observed.Count ? observed[i] : null);
        text.Append("## The conversation\n\n");
        for (var i = 1; i < dialogue.Messages.Count; i++) Message(text, i, dialogue.Messages[i]);
        text.Append('\n').Append(closing);
        return text.ToString();
    }

    private static void Task(StringBuilder text, TaskSpec task, int index, string? observed)
    {
        text.Append($"### Task {index + 1} ({task.Difficulty})\n\nGoal: {task.Goal}\n\nSub-requests, with the tool calls expected to serve them:\n");
        for (var r = 0; r < task.SubRequests.Count; r++)
        {
            text.Append($"{r + 1}. {task.SubRequests[r].Goal}\n");
            foreach (var action in task.ExpectedActions.Where(a => a.SubRequest == r))
            {
                text.Append($"   - {action.Tool}({action.Arguments.GetRawText()})\n");
            }
        }
        if (task.UserFacts.Count > 0) text.Append($"\nThe user knew: {Facts(task.UserFacts)}\n");
        if (task.HiddenFacts.Count > 0) text.Append($"To be found with tools: {Facts(task.HiddenFacts)}\n");
        var state = observed is null ? "the task's last expected action never ran"
            : observed == task.ExpectedEndState ? "matches the state the expected calls produce"
            : "differs from the state the expected calls produce";
        text.Append($"Checkpoint — database state after this task: {state}.\n\n");
    }

    private static string Facts(IReadOnlyDictionary<string, string> facts) => string.Join(", ", facts.Select(f => $"{f.Key} = {f.Value}"));

    private static void Message(StringBuilder text, int index, Message message)
    {
        switch (message)
        {
            case UserMessage:
                text.Append($"[{index}] user: {message.Content}\n");
                break;
            case AssistantMessage assistant:
                if (!string.IsNullOrWhiteSpace(assistant.Content)) text.Append($"[{index}] agent: {assistant.Content}\n");
                foreach (var call in assistant.ToolCalls ?? [])
                {
                    text.Append($"[{index}] agent calls {call.Function.Name}({call.Function.Arguments}) as {call.Id}\n");
                }
                break;
            case ToolMessage tool:
                var content = tool.Content ?? "";
                if (content.Length > MaxResultChars) content = content[..MaxResultChars] + " …[cut here for length; do not count claims about the cut part as ungrounded]";
                text.Append($"[{index}] result of {tool.ToolCallId} ({tool.Name}): {content}\n");
                break;
            default:
                text.Append($"[{index}] system: {message.Content}\n");
                break;
        }
    }
}
