using Parley.Runs;
using Parley.Simulation;

namespace Parley.Generation;

/// <summary>What the tasks stage gives a dialogue: its opening state, or (when no task could be planned) its rejected outcome.</summary>
public sealed record DialogueStart(GenerationState? State, DialogueOutcome? Outcome);
