using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Parley.Tasks;

namespace Parley.Tests.TestDoubles;

/// <summary>
/// A stand-in for a model playing the user: reads its position from the prompt ("goal g of n, step s of m") and the
/// assistant's last line from the transcript, and answers as a cooperative customer who gives every known fact with
/// each request, says yes to confirmations and moves on after each result.
/// </summary>
public static partial class ScriptedUserModel
{
    /// <summary>A client that plays the user for <paramref name="tasks"/>.</summary>
    public static ScriptedChatClient For(IReadOnlyList<TaskSpec> tasks) => new() { Respond = (messages, _) => Reply(tasks, messages[^1].Text) };

    private static ChatResponse Reply(IReadOnlyList<TaskSpec> tasks, string prompt)
    {
        var at = Position().Match(prompt);
        var (goal, step) = (int.Parse(at.Groups["g"].Value) - 1, int.Parse(at.Groups["s"].Value) - 1);
        var assistant = prompt.Split("Assistant: ").Skip(1).LastOrDefault()?.Split("\n\n")[0] ?? "";
        if (prompt.Contains("has not started", StringComparison.Ordinal)) return Json($"Hi! {Ask(tasks[goal], step)}");
        if (Confirm().IsMatch(assistant)) return Json("Yes, please go ahead.");
        if (AskInfo().IsMatch(assistant)) return Json(Facts(tasks[goal]));
        if (step + 1 < tasks[goal].SubRequests.Count) return Json($"Thanks! {Ask(tasks[goal], step + 1)}", requestDone: true);
        if (goal + 1 < tasks.Count) return Json($"Great, thank you. {Ask(tasks[goal + 1], 0)}", taskDone: true);
        return Json("That's everything, thanks a lot. Bye!", taskDone: true, end: true);
    }

    private static string Ask(TaskSpec task, int step) => $"{task.SubRequests[step].Goal} {Facts(task)}";

    private static string Facts(TaskSpec task) => "My details: " + string.Join(", ", task.UserFacts.Select(f => $"{f.Key} {f.Value}")) + ".";

    private static ChatResponse Json(string message, bool requestDone = false, bool taskDone = false, bool end = false) =>
        new(new ChatMessage(ChatRole.Assistant, JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["thought"] = null, ["message"] = message, ["request_done"] = requestDone, ["current_task_done"] = taskDone, ["end_conversation"] = end,
        }))) { FinishReason = ChatFinishReason.Stop };

    [GeneratedRegex(@"goal (?<g>\d+) of \d+, step (?<s>\d+) of \d+")]
    private static partial Regex Position();

    [GeneratedRegex(@"go ahead|proceed|Is that (correct|right)\?|continue\?", RegexOptions.IgnoreCase)]
    private static partial Regex Confirm();

    [GeneratedRegex(@"Could you (give|tell) me|What's the|What is the|may I have|I'll need|double-check|confirm the|Which one|Can you share|should I use|What are the", RegexOptions.IgnoreCase)]
    private static partial Regex AskInfo();
}
