using Parley.Environments;
using Parley.Tasks;
using Parley.Tools;

namespace Parley.Verification;

/// <summary>
/// The capture half of the end-state check (<see cref="EndStateVerifier"/> is the comparing half): the orchestrator
/// raises the events of a running dialogue, and this contract alone decides which task's end state to take, and takes it.
/// </summary>
/// <remarks>
/// A task's end state is the state of the dialogue's database once the task's last sub-request is completed, taken
/// before any further tool call runs; for a task the user says is done before the agent completed it (an agent played by
/// a model may get there another way), the state at that moment. Each event returns the end states, one slot per task
/// (null until taken): the same list when nothing was taken.
/// </remarks>
internal interface IEndStateCapture
{
    /// <summary>The agent completed <paramref name="completed"/> (by its acts, or as read from its calls), before any further tool call runs.</summary>
    IReadOnlyList<string?> RequestsCompleted(IReadOnlyList<TaskSpec> tasks, IReadOnlyList<string?> endStates, IReadOnlyList<RequestKey> completed, StateHasher hasher, SqliteSandbox database);

    /// <summary>The user said every task up to <paramref name="task"/> is done, before the agent speaks again.</summary>
    IReadOnlyList<string?> TasksDeclaredDone(IReadOnlyList<TaskSpec> tasks, IReadOnlyList<string?> endStates, int task, StateHasher hasher, SqliteSandbox database);
}
