using Parley.Environments;
using Parley.Simulation;

namespace Parley.Generation;

/// <summary>One item of a run: its position, its environment, and how its opening state is made (planned, from tasks, or saved).</summary>
internal sealed record PipelineJob(long Position, EnvironmentDatabase Env, Func<CancellationToken, ValueTask<DialogueStart>> Start);

/// <summary>An item on its way through the stages: the opening state, the final state once simulated, the outcome once verified.</summary>
internal sealed record PipelineWork(PipelineJob Job)
{
    public GenerationState? Start { get; init; }
    public GenerationState? Final { get; init; }
    public DialogueOutcome? Outcome { get; init; }
}
