using Parley.Dialogues;

namespace Parley.Export;

/// <summary>
/// A dialogue that failed verification, kept with the reasons, never silently dropped. <see cref="Dialogue"/> is null
/// when no conversation could be started (no feasible task).
/// </summary>
public sealed record RejectedDialogue(string Id, IReadOnlyList<string> Reasons, Dialogue? Dialogue);
