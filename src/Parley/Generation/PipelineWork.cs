using Parley.Runs;
using Parley.Simulation;

namespace Parley.Generation;

/// <summary>An item on its way through the stages: the opening state, the final state once simulated, or the outcome of a stage that already failed it.</summary>
internal sealed record PipelineWork(PipelineJob Job)
{
    public GenerationState? Start { get; init; }
    public GenerationState? Final { get; init; }
    public DialogueOutcome? Outcome { get; init; }
}
