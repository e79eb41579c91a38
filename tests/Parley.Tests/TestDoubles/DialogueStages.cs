using Parley.Dialogues;
using Parley.Environments;
using Parley.Generation;
using Parley.Runs;
using Parley.Simulation;
using Parley.Tasks;

namespace Parley.Tests.TestDoubles;

/// <summary>One dialogue through the stages the generation pipeline runs (plan or start, simulate, finish), in its order.</summary>
internal static class DialogueStages
{
    /// <summary>Plans tasks, then runs and verifies the dialogue.</summary>
    public static async ValueTask<DialogueOutcome> GenerateAsync(this DialogueGenerator generator, EnvironmentDatabase env, long index, string id, ulong seed,
        DialogueMode mode, TaskCountDistribution taskCounts, GenerationOptions options, CancellationToken ct)
    {
        var start = await generator.PlanAsync(env, index, id, seed, mode, taskCounts, ct);
        return start.Outcome ?? await generator.ContinueAsync(env, start.State!, options, ct);
    }

    /// <summary>Runs and verifies a dialogue over <paramref name="tasks"/>.</summary>
    public static ValueTask<DialogueOutcome> GenerateFromTasksAsync(this DialogueGenerator generator, EnvironmentDatabase env, long index, ulong seed,
        DialogueMode mode, IReadOnlyList<TaskSpec> tasks, GenerationOptions options, CancellationToken ct) =>
        generator.ContinueAsync(env, DialogueGenerator.Start(env, index, seed, mode, tasks), options, ct);

    /// <summary>Continues <paramref name="state"/> and verifies the result.</summary>
    public static async ValueTask<DialogueOutcome> ContinueAsync(this DialogueGenerator generator, EnvironmentDatabase env, GenerationState state, GenerationOptions options, CancellationToken ct)
    {
        var final = await generator.SimulateAsync(env, state, options, ct);
        return await generator.FinishAsync(env, state, final, ct);
    }
}
