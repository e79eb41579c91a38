using Parley.Dialogues;
using Parley.Tasks;

namespace Parley.Simulation;

/// <summary>
/// What the user may see: its goals as it holds them (never the planner's calls or expected results), its persona, the
/// user and assistant text so far, the agent's acts (for rule-based users) and its own state.
/// </summary>
/// <param name="DialogueId">The dialogue's id, which seeds what is drawn once per dialogue (an LLM user's quirks).</param>
/// <param name="Mode">User-oriented or task-oriented.</param>
/// <param name="Persona">Who the user is.</param>
/// <param name="Goals">The user's goals, in dialogue order.</param>
/// <param name="Conversation">The user and assistant messages with text so far.</param>
/// <param name="AgentActs">The acts of the agent's turns since the user last spoke.</param>
/// <param name="State">The user's own state.</param>
public sealed record UserView(
    string DialogueId,
    DialogueMode Mode,
    Persona Persona,
    IReadOnlyList<UserGoal> Goals,
    IReadOnlyList<Message> Conversation,
    IReadOnlyList<DialogueAct> AgentActs,
    UserState State)
{
    /// <summary>Every step of every goal, goal by goal.</summary>
    internal IEnumerable<RequestKey> Requests() => Goals.SelectMany((g, t) => Enumerable.Range(0, g.Steps.Count).Select(r => new RequestKey(t, r)));

    /// <summary>Every step of the goal at <paramref name="goal"/>.</summary>
    internal IEnumerable<RequestKey> Requests(int goal) => Enumerable.Range(0, Goals[goal].Steps.Count).Select(r => new RequestKey(goal, r));
}
