namespace Parley.Dialogues;

/// <summary>
/// Where an augmented dialogue came from: an existing conversation whose turns open the dialogue verbatim, followed by
/// a tool-use need injected by the simulated user. A trainer masks <see cref="OriginalMessages"/> (no loss on them).
/// </summary>
public sealed record Augmentation
{
    /// <summary>The chats file's name.</summary>
    public required string Source { get; init; }

    /// <summary>The chat's line in that file (1-based).</summary>
    public required long Line { get; init; }

    /// <summary><c>openai</c> (a <c>messages</c> list) or <c>sharegpt</c> (a <c>conversations</c> list).</summary>
    public required string Format { get; init; }

    /// <summary>How many messages after the system prompt are the original's, verbatim: messages 1 to this number.</summary>
    public required int OriginalMessages { get; init; }

    /// <summary>The chat's words that matched the chosen environment's tools, tables and description (empty: no match, the first environment).</summary>
    public IReadOnlyList<string> Matched { get; init; } = [];

    /// <summary>The original system prompt, which the environment's agent prompt replaces; null when the chat had none.</summary>
    public string? OriginalSystem { get; init; }
}
