using System.Globalization;
using System.Text.RegularExpressions;
using Parley.Dialogues;

namespace Parley.Simulation;

/// <summary>
/// The acts an LLM user's message performs, read from its state change and its text, so a rule-based agent (which
/// reads acts, as a perfect language-understanding step would) can serve an LLM user: the request it moved on to, the
/// known facts whose values it wrote, a yes to a confirmation, a goodbye.
/// </summary>
internal static partial class UserActReader
{
    /// <summary>The acts of <paramref name="message"/>, sent from <paramref name="before"/> and leading to <paramref name="after"/>.</summary>
    public static IReadOnlyList<DialogueAct> Read(UserView view, UserState before, UserState after, string message, bool ends)
    {
        var acts = new List<DialogueAct>();
        var informs = Informs(view, view.Mode == DialogueMode.TaskOriented ? Enumerable.Range(0, view.Goals.Count) : [after.Task], message);
        var requested = new List<(int Task, int Request)>();
        if (view.Mode == DialogueMode.TaskOriented)
        {
            if (before.Request < 0) requested.AddRange(view.Requests().Select(k => (k.Task, k.Request)));
        }
        else if (before.Request < 0 || after.Task != before.Task || after.Request != before.Request)
        {
            requested.Add((after.Task, after.Request));
        }
        foreach (var (t, r) in requested)
        {
            var mentions = informs.Where(i => i.Task == t || i.Task < 0).ToDictionary(i => i.Fact!, i => i.Value!, StringComparer.Ordinal);
            acts.Add(new DialogueAct(ActType.Request) { Task = t, Request = r, Mentions = mentions });
        }
        acts.AddRange(informs);
        if (view.AgentActs.Any(a => a.Type == ActType.Confirm) && Yes().IsMatch(message)) acts.Add(new DialogueAct(ActType.Affirm));
        var known = view.Goals[Math.Min(after.Task, view.Goals.Count - 1)].Facts;
        acts.AddRange(view.AgentActs.Where(a => a.Type == ActType.AskInfo && a.Fact is not null && !known.ContainsKey(a.Fact))
            .Select(a => new DialogueAct(ActType.DontKnow) { Fact = a.Fact }));
        if (requested.Count == 0 && !ends && message.Contains('?', StringComparison.Ordinal) && view.AgentActs.Any(a => a.Type == ActType.Report))
        {
            acts.Add(new DialogueAct(ActType.FollowUp) { Task = after.Task, Request = after.Request });
        }
        if (ends) acts.Add(new DialogueAct(ActType.Bye));
        if (acts.Count == 0) acts.Add(new DialogueAct(ActType.Thank));
        return acts;
    }

    /// <summary>Known facts (or their typo or first-choice values) whose value the message contains; facts about the user are unscoped.</summary>
    private static List<DialogueAct> Informs(UserView view, IEnumerable<int> tasks, string message)
    {
        var acts = new List<DialogueAct>();
        foreach (var t in tasks)
        {
            var task = view.Goals[t];
            foreach (var (fact, value) in task.Facts)
            {
                var said = new[] { value, task.Typos.GetValueOrDefault(fact), task.MindChanges.GetValueOrDefault(fact) }
                    .FirstOrDefault(v => v is { Length: > 0 } && Says(message, v));
                if (said is null) continue;
                var aboutUser = view.Goals.All(x => x.Facts.TryGetValue(fact, out var v) && v == value);
                if (aboutUser && acts.Any(a => a.Fact == fact && a.Task < 0)) continue;
                acts.Add(new DialogueAct(ActType.Inform) { Fact = fact, Value = said, Task = aboutUser ? -1 : t });
            }
        }
        return acts;
    }

    // Whole words only, so a short value ("3") is not found inside a longer one ("2025-03-14"): not after a word
    // character, '.' or '-', and not before a word character or a '.'/'-' that continues the token.
    private static bool Says(string message, string value)
    {
        for (var at = message.IndexOf(value, StringComparison.OrdinalIgnoreCase); at >= 0; at = message.IndexOf(value, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var end = at + value.Length;
            if (at > 0 && (IsWord(message[at - 1]) || message[at - 1] is '.' or '-')) continue;
            if (end < message.Length && (IsWord(message[end]) || (message[end] is '.' or '-' && end + 1 < message.Length && IsWord(message[end + 1])))) continue;
            return true;
        }
        return false;
    }

    // As the regex class \w: letters, decimal digits, non-spacing marks and connector punctuation.
    private static bool IsWord(char c) => char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.ConnectorPunctuation;

    [GeneratedRegex(@"\b(yes|yeah|yep|yup|sure|ok(ay)?|please do|go ahead|proceed|confirm(ed)?|correct|that's right|do it)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Yes();
}
