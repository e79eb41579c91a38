using Parley.Dialogues;

namespace Parley.Export;

/// <summary>A dialogue that failed verification, kept with the reasons, never silently dropped.</summary>
public sealed record RejectedDialogue(string Id, IReadOnlyList<string> Reasons, Dialogue Dialogue);
