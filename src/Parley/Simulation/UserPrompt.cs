using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Parley.Determinism;
using Parley.Dialogues;
using Parley.Llm;

namespace Parley.Simulation;

/// <summary>
/// Renders what an LLM user simulator is sent: a system prompt that is fixed for the whole dialogue (rules, persona,
/// goals, known facts), then one message with the transcript and, last, where the user stands, so endpoints' prefix
/// caches reuse everything before the newest turn. Hidden facts and tools never appear.
/// </summary>
internal static partial class UserPrompt
{
    private const string Redacted = "[to be looked up]";

    private static readonly Prompt UserOriented = PromptLibrary.Get("user-oriented.md");
    private static readonly Prompt TaskOriented = PromptLibrary.Get("task-oriented.md");

    /// <summary>The prompt file for <paramref name="mode"/>.</summary>
    public static Prompt For(DialogueMode mode) => mode == DialogueMode.TaskOriented ? TaskOriented : UserOriented;

    /// <summary>The messages for the user's next turn, under <paramref name="system"/> (<see cref="System"/> of the same prompt and view).</summary>
    public static List<ChatMessage> Build(string system, UserView view) =>
    [
        new(ChatRole.System, system),
        new(ChatRole.User, Transcript(view.Conversation) + Position(view)),
    ];

    /// <summary>The system prompt: the same for every turn of a dialogue.</summary>
    public static string System(Prompt prompt, UserView view) => BlankLines().Replace(prompt.Render(new Dictionary<string, string>
    {
        ["persona"] = Persona(view.Persona),
        ["extras"] = Extras(view),
        ["tasks"] = Tasks(view.Goals),
    }), "\n\n").Trim();

    // An empty section (no quirks) leaves no gap behind.
    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex BlankLines();

    private static string Persona(Persona p)
    {
        var text = new StringBuilder($"Who you are: {p.Name}. ");
        text.Append(p.Style == "formal" ? "You write formally and politely. " : "You write casually, in a friendly tone. ");
        text.Append(p.Verbosity switch
        {
            < 0.34 => "Your messages are very short. ",
            < 0.67 => "Your messages are short, with a little small talk. ",
            _ => "You are chatty and add a remark or some context now and then. ",
        });
        text.Append(p.Patience >= 0.9 ? "You ask for one thing at a time. " : "You are a little impatient: now and then you ask for the next step in the same message. ");
        text.Append(p.Upfront switch
        {
            0 => "You give details only when asked. ",
            >= 0.5 => "You often give details the assistant will need before being asked. ",
            _ => "Sometimes you give a detail before being asked. ",
        });
        if (p.Curiosity >= 0.5) text.Append("You like to ask a follow-up question about a result. ");
        return text.ToString().Trim();
    }

    /// <summary>Typos and changes of mind, drawn once per dialogue from its id and the persona, so every turn sees the same ones.</summary>
    private static string Extras(UserView view)
    {
        var rng = new SeededRandom(StableSeed.Derive(0, "llm-user-extras:" + view.DialogueId));
        var lines = new List<string>();
        foreach (var task in view.Goals)
        {
            foreach (var (fact, typo) in task.Typos.Where(t => task.Facts.ContainsKey(t.Key)))
            {
                if (!rng.Chance(view.Persona.Typos)) continue;
                lines.Add($"- The first time you give your {FactLabel.Of(fact)}, you mistype it as {typo}; when the assistant cannot find it or asks, correct it to {task.Facts[fact]}.");
            }
            foreach (var (fact, first) in task.MindChanges.Where(m => task.Facts.ContainsKey(m.Key)))
            {
                if (!rng.Chance(view.Persona.Indecision)) continue;
                lines.Add($"- For goal {task.Index + 1}, you first ask for {FactLabel.Of(fact)} {first}, then change your mind to {task.Facts[fact]} before confirming.");
            }
        }
        return lines.Count == 0 ? "" : "Quirks of this conversation:\n" + string.Join('\n', lines);
    }

    private static string Tasks(IReadOnlyList<UserGoal> tasks)
    {
        var text = new StringBuilder();
        for (var t = 0; t < tasks.Count; t++)
        {
            var task = tasks[t];
            text.Append(CultureInfo.InvariantCulture, $"Goal {t + 1}: {Redact(task.Goal, task)}\n  Steps:\n");
            for (var r = 0; r < task.Steps.Count; r++)
            {
                text.Append(CultureInfo.InvariantCulture, $"    {r + 1}. {Redact(task.Steps[r].Goal, task)}\n");
            }
            var facts = task.Facts.Select(f => $"{FactLabel.Of(f.Key)}: {f.Value}");
            text.Append("  What you know: ").Append(string.Join("; ", facts)).Append('\n');
        }
        return text.ToString().TrimEnd();
    }

    // A goal must not give away what the user is meant to learn; a planner that wrote one in is overruled here.
    private static string Redact(string text, UserGoal task) =>
        task.Recognised.Values.Where(v => v.Length >= 3 && !task.Facts.Values.Contains(v))
            .Aggregate(text, (s, hidden) => s.Replace(hidden, Redacted, StringComparison.Ordinal));

    private static string Transcript(IReadOnlyList<Message> conversation)
    {
        if (conversation.Count == 0) return "The conversation has not started yet.\n\n";
        var text = new StringBuilder("The conversation so far:\n\n");
        foreach (var message in conversation)
        {
            text.Append(message is UserMessage ? "You: " : "Assistant: ").Append(message.Content?.Trim()).Append("\n\n");
        }
        return text.ToString();
    }

    private static string Position(UserView view)
    {
        var state = view.State;
        if (view.Mode == DialogueMode.TaskOriented)
        {
            return state.Request < 0
                ? "Write your first message, asking for everything at once. Reply with the JSON object only."
                : "Write your next message. Reply with the JSON object only.";
        }
        var task = view.Goals[state.Task];
        var request = Math.Max(state.Request, 0);
        var where = $"You are on goal {state.Task + 1} of {view.Goals.Count}, step {request + 1} of {task.Steps.Count}: {Redact(task.Steps[request].Goal, task)}";
        return state.Request < 0
            ? $"{where}\nWrite your opening message. Reply with the JSON object only."
            : $"{where}\nIf the assistant finished this step, react and move on to the next step; otherwise keep at this one. Reply with the JSON object only.";
    }
}
