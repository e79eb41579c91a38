using Parley.Determinism;
using Parley.Environments;
using Parley.Tasks;

namespace Parley.Tests.TestDoubles;

/// <summary>Plans tasks with the rule-based planner, the way a generation run does.</summary>
public static class Planning
{
    private static readonly ScenarioTaskPlanner Planner = new();

    public static IReadOnlyList<TaskSpec> Plan(EnvironmentDatabase env, ulong seed, int tasks = 3) =>
        Planner.PlanAsync(new TaskPlanRequest(env, StableSeed.DialogueId(seed, 0), seed, tasks)).AsTask().GetAwaiter().GetResult().Tasks;
}
