namespace Parley.Dialogues;

/// <summary>A finished dialogue: OpenAI chat-format messages, the tools offered, and its metadata.</summary>
public sealed record Dialogue
{
    /// <summary>Artifact format version.</summary>
    public int SchemaVersion { get; init; } = 1;

    /// <summary>Stable id derived from the run seed and the dialogue's index.</summary>
    public required string Id { get; init; }

    /// <summary>The messages, system prompt first.</summary>
    public required IReadOnlyList<Message> Messages { get; init; }

    /// <summary>The tools offered to the agent, in the OpenAI <c>tools</c> format.</summary>
    public required IReadOnlyList<ToolDefinition> Tools { get; init; }

    /// <summary>Where the dialogue came from and how it was judged.</summary>
    public required DialogueMetadata Metadata { get; init; }
}
