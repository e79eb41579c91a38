using Parley.Environments;
using Parley.Tasks;
using Parley.Tools;

namespace Parley.Verification;

/// <summary>
/// Takes a task's end state when its last sub-request is completed (again, if it is completed again), or when the user
/// says it is done and none was taken yet: one hash per event at most, as every task it fills sees the same state.
/// </summary>
/// <remarks>Stateless and thread-safe: one instance serves every dialogue.</remarks>
internal sealed class EndStateCapture : IEndStateCapture
{
    /// <summary>The shared instance.</summary>
    public static EndStateCapture Default { get; } = new();

    /// <inheritdoc />
    public IReadOnlyList<string?> RequestsCompleted(IReadOnlyList<TaskSpec> tasks, IReadOnlyList<string?> endStates, IReadOnlyList<RequestKey> completed, StateHasher hasher, SqliteSandbox database)
    {
        string?[]? taken = null;
        string? hash = null;
        foreach (var key in completed)
        {
            if (key.Task < 0 || key.Task >= tasks.Count || key.Request != tasks[key.Task].SubRequests.Count - 1) continue;
            taken ??= [.. endStates];
            taken[key.Task] = hash ??= hasher.Hash(database);
        }
        return taken ?? endStates;
    }

    /// <inheritdoc />
    public IReadOnlyList<string?> TasksDeclaredDone(IReadOnlyList<TaskSpec> tasks, IReadOnlyList<string?> endStates, int task, StateHasher hasher, SqliteSandbox database)
    {
        string?[]? taken = null;
        string? hash = null;
        for (var t = 0; t <= Math.Min(task, tasks.Count - 1); t++)
        {
            if (endStates[t] is not null) continue;
            taken ??= [.. endStates];
            taken[t] = hash ??= hasher.Hash(database);
        }
        return taken ?? endStates;
    }
}
