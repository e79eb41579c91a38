namespace Parley.Tasks;

/// <summary>Plans the tasks of one dialogue from an environment's real rows.</summary>
public interface ITaskPlanner
{
    /// <summary>
    /// Plans <paramref name="request"/>'s tasks (a later task may build on an earlier one's outcome): the plan carries the
    /// tasks, what was dropped, the tokens a model spent on it, and why nothing could be planned, if so.
    /// </summary>
    /// <exception cref="ParleyException"><c>no_feasible_task</c>: the environment offers nothing to plan from.</exception>
    ValueTask<TaskPlan> PlanAsync(TaskPlanRequest request, CancellationToken cancellationToken = default);
}
