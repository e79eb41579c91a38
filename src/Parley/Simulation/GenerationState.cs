using System.Text.Json.Serialization;
using Parley.Dialogues;
using Parley.Tasks;

namespace Parley.Simulation;

/// <summary>
/// Everything needed to continue a dialogue later: its environment, tasks, messages, each role's state and who speaks
/// next. The database state is not stored: it is rebuilt by replaying the recorded write calls on a fresh copy of the
/// environment, and checked against the recorded results.
/// </summary>
public sealed record GenerationState
{
    /// <summary>Artifact format version.</summary>
    public int SchemaVersion { get; init; } = 1;

    /// <summary>The dialogue's stable id.</summary>
    public required string DialogueId { get; init; }

    /// <summary>The dialogue's position in its run.</summary>
    public long Index { get; init; }

    /// <summary>The dialogue's seed.</summary>
    public required ulong Seed { get; init; }

    /// <summary>The environment the dialogue runs in.</summary>
    public required string EnvironmentId { get; init; }

    /// <summary>User-oriented or task-oriented.</summary>
    public DialogueMode Mode { get; init; }

    /// <summary>The simulated user's persona.</summary>
    public required Persona Persona { get; init; }

    /// <summary>The dialogue's tasks.</summary>
    public required IReadOnlyList<TaskSpec> Tasks { get; init; }

    /// <summary>The messages so far, system prompt first.</summary>
    public IReadOnlyList<Message> Messages { get; init; } = [];

    /// <summary>The user simulator's state.</summary>
    public UserState UserState { get; init; } = new();

    /// <summary>The agent's state.</summary>
    public AgentState AgentState { get; init; } = new();

    /// <summary>The acts of the last user turn.</summary>
    public IReadOnlyList<DialogueAct> UserActs { get; init; } = [];

    /// <summary>The acts of the agent's turns since the user last spoke.</summary>
    public IReadOnlyList<DialogueAct> AgentActs { get; init; } = [];

    /// <summary>Sub-requests the agent completed.</summary>
    public IReadOnlyList<RequestKey> Completed { get; init; } = [];

    /// <summary>The state hash when each task's last action was done (null until then).</summary>
    public IReadOnlyList<string?> TaskEndStates { get; init; } = [];

    /// <summary>Who acts next.</summary>
    public Speaker Next { get; init; } = Speaker.User;

    /// <summary>Why the dialogue stopped, or <see cref="TerminationReason.InProgress"/>.</summary>
    public TerminationReason Termination { get; init; } = TerminationReason.InProgress;

    /// <summary>True once the user has ended the conversation.</summary>
    public bool UserEnded { get; init; }

    /// <summary>Tokens spent so far per LLM role (<c>user_simulator</c>, <c>agent</c>); null while every role is rule-based.</summary>
    public IReadOnlyDictionary<string, TokenUsage>? Usage { get; init; }

    /// <summary>Per LLM role, the prompt file with its content hash and the sampling settings; null while every role is rule-based.</summary>
    public IReadOnlyDictionary<string, string>? Prompts { get; init; }

    /// <summary>Calls the agent made to tools it was not given.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int UnknownToolCalls { get; init; }

    /// <summary>Why an LLM role failed (<c>llm: kind: message</c>) when <see cref="Termination"/> is <see cref="TerminationReason.LlmError"/>.</summary>
    public string? Failure { get; init; }

    /// <summary>For an MCP environment, the hash of the state probe's answer once the dialogue ended.</summary>
    public string? ProbeState { get; init; }

    /// <summary>For a dialogue that continues an existing conversation: where it came from and which messages are the original's.</summary>
    public Augmentation? Augmentation { get; init; }
}
