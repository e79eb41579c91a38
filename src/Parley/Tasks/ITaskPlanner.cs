namespace Parley.Tasks;

/// <summary>Plans the tasks of one dialogue from an environment's real rows.</summary>
public interface ITaskPlanner
{
    /// <summary>Plans <paramref name="request"/>'s tasks; a later task may build on an earlier one's outcome.</summary>
    ValueTask<IReadOnlyList<TaskSpec>> PlanAsync(TaskPlanRequest request, CancellationToken cancellationToken = default);
}
