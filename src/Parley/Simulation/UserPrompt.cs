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
    private static readonly Prompt UserOriented = PromptLibrary.Get("user-oriented.md");
    private static readonly Prompt TaskOriented = PromptLibrary.Get("task-oriented.md");

    /// <summary>The fragments every turn is assembled from (persona, goals, transcript, where the user stands, repair reasons).</summary>
    public static PromptFragments Fragments { get; } = PromptFragments.Get("user-simulator.yaml");

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
        var lines = new List<string>
        {
            Fragments.Render("persona_name", ("name", p.Name)),
            Fragments[p.Style == "formal" ? "style_formal" : "style_casual"],
            Fragments[p.Verbosity switch { < 0.34 => "verbosity_low", < 0.67 => "verbosity_medium", _ => "verbosity_high" }],
            Fragments[p.Patience >= 0.9 ? "patient" : "impatient"],
            Fragments[p.Upfront switch { 0 => "upfront_never", >= 0.5 => "upfront_often", _ => "upfront_sometimes" }],
        };
        if (p.Curiosity >= 0.5) lines.Add(Fragments["curious"]);
        return string.Join(' ', lines).Trim();
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
                lines.Add(Fragments.Render("typo", ("fact", FactLabel.Of(fact)), ("typo", typo), ("value", task.Facts[fact])));
            }
            foreach (var (fact, first) in task.MindChanges.Where(m => task.Facts.ContainsKey(m.Key)))
            {
                if (!rng.Chance(view.Persona.Indecision)) continue;
                lines.Add(Fragments.Render("mind_change", ("goal", Number(task.Index + 1)), ("fact", FactLabel.Of(fact)), ("first", first), ("value", task.Facts[fact])));
            }
        }
        return lines.Count == 0 ? "" : Fragments.Render("quirks", ("lines", string.Join('\n', lines)));
    }

    private static string Tasks(IReadOnlyList<UserGoal> tasks)
    {
        var text = new StringBuilder();
        for (var t = 0; t < tasks.Count; t++)
        {
            var task = tasks[t];
            text.Append(Fragments.Render("goal", ("number", Number(t + 1)), ("goal", Redact(task.Goal, task)))).Append('\n');
            for (var r = 0; r < task.Steps.Count; r++)
            {
                text.Append(Fragments.Render("step", ("number", Number(r + 1)), ("step", Redact(task.Steps[r].Goal, task)))).Append('\n');
            }
            var facts = task.Facts.Select(f => $"{FactLabel.Of(f.Key)}: {f.Value}");
            text.Append(Fragments.Render("known", ("facts", string.Join("; ", facts)))).Append('\n');
        }
        return text.ToString().TrimEnd();
    }

    // A goal must not give away what the user is meant to learn; a planner that wrote one in is overruled here.
    private static string Redact(string text, UserGoal task) =>
        task.Recognised.Values.Where(v => v.Length >= 3 && !task.Facts.Values.Contains(v))
            .Aggregate(text, (s, hidden) => s.Replace(hidden, Fragments["redacted"], StringComparison.Ordinal));

    private static string Transcript(IReadOnlyList<Message> conversation)
    {
        if (conversation.Count == 0) return Fragments["transcript_empty"] + "\n\n";
        var text = new StringBuilder(Fragments["transcript"]).Append("\n\n");
        foreach (var message in conversation)
        {
            text.Append(Fragments.Render(message is UserMessage ? "user_said" : "assistant_said", ("text", message.Content?.Trim() ?? ""))).Append("\n\n");
        }
        return text.ToString();
    }

    private static string Position(UserView view)
    {
        var state = view.State;
        if (view.Mode == DialogueMode.TaskOriented) return Fragments[state.Request < 0 ? "task_oriented_first" : "task_oriented_next"];
        var task = view.Goals[state.Task];
        var request = Math.Max(state.Request, 0);
        var where = Fragments.Render("position", ("goal", Number(state.Task + 1)), ("goals", Number(view.Goals.Count)), ("step", Number(request + 1)),
            ("steps", Number(task.Steps.Count)), ("request", Redact(task.Steps[request].Goal, task)));
        return Fragments.Render(state.Request < 0 ? "opening" : "next", ("position", where));
    }

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);
}
