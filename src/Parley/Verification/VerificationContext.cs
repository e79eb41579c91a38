using Parley.Dialogues;
using Parley.Tasks;
using Parley.Tools;

namespace Parley.Verification;

/// <summary>What verification sees: the dialogue, its tasks and the environment's tools.</summary>
public sealed record VerificationContext(Dialogue Dialogue, IReadOnlyList<TaskSpec> Tasks, ToolCatalog Tools);
