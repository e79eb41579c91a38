namespace Parley.Runs;

/// <summary>Which of a run folder's dialogues <see cref="RunReader.Dialogues"/> reads.</summary>
internal enum DialogueSet
{
    /// <summary>The lines of <c>dialogues.jsonl</c>.</summary>
    Kept,

    /// <summary>The lines of <c>rejected.jsonl</c> that hold a conversation.</summary>
    Rejected,
}
