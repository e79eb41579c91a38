using Parley.Environments;

namespace Parley.Generation;

/// <summary>One item of a run: its position, its dialogue id, its environment, and how its opening state is made (planned, from tasks, or saved).</summary>
internal sealed record PipelineJob(long Position, string Id, EnvironmentDatabase Env, Func<CancellationToken, ValueTask<DialogueStart>> Start);
