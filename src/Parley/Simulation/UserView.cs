using Parley.Dialogues;
using Parley.Tasks;

namespace Parley.Simulation;

/// <summary>What the user may see: its goals, its persona, the user and assistant text so far, and its own state.</summary>
public sealed record UserView(
    DialogueMode Mode,
    Persona Persona,
    IReadOnlyList<TaskSpec> Tasks,
    IReadOnlyList<Message> Conversation,
    IReadOnlyList<DialogueAct> AgentActs,
    UserState State);
