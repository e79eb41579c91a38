namespace Parley.Dialogues;

/// <summary>Everything needed to trace, regenerate and filter a dialogue.</summary>
public sealed record DialogueMetadata
{
    /// <summary>The environment the dialogue ran in.</summary>
    public required string EnvironmentId { get; init; }

    /// <summary>The environment's domain.</summary>
    public required string Domain { get; init; }

    /// <summary>User-oriented or task-oriented.</summary>
    public required DialogueMode Mode { get; init; }

    /// <summary>The dialogue's own seed (derived from the run seed and its index).</summary>
    public required ulong Seed { get; init; }

    /// <summary>The dialogue's position in its run.</summary>
    public required long Index { get; init; }

    /// <summary>The ids of the dialogue's tasks (full specs are in <c>tasks.jsonl</c>).</summary>
    public required IReadOnlyList<string> Tasks { get; init; }

    /// <summary>The engine behind each role, e.g. <c>{"user": "agenda", "agent": "oracle"}</c>.</summary>
    public required IReadOnlyDictionary<string, string> Engines { get; init; }

    /// <summary>The simulated user's persona.</summary>
    public string? Persona { get; init; }

    /// <summary>Why the dialogue stopped.</summary>
    public required TerminationReason Termination { get; init; }

    /// <summary>Message and tool-call counts.</summary>
    public required DialogueCounts Counts { get; init; }

    /// <summary>The state hash observed when each task's last action was done, by task index.</summary>
    public IReadOnlyList<string?> TaskEndStates { get; init; } = [];

    /// <summary>For a dialogue over an MCP server: the server, how it was isolated and how the dialogue was verified.</summary>
    public McpRunInfo? Mcp { get; init; }

    /// <summary>The verification verdict.</summary>
    public Verdict? Verdict { get; init; }

    /// <summary>Tokens spent per role (<c>user_simulator</c>, <c>agent</c>, …) on this dialogue; null when every role is rule-based.</summary>
    public IReadOnlyDictionary<string, TokenUsage>? Usage { get; init; }

    /// <summary>Per LLM role, the prompt file and its content hash and the sampling settings sent, so the run can be replayed; null when every role is rule-based.</summary>
    public IReadOnlyDictionary<string, string>? Prompts { get; init; }

    /// <summary>For a dialogue that continues an existing conversation: where it came from and which messages are the original's.</summary>
    public Augmentation? Augmentation { get; init; }
}
