using Parley.Tasks;

namespace Parley.Simulation;

/// <summary>
/// The plan the oracle agent follows, handed to it as its own input (<see cref="AgentView.Plan"/>): for each
/// sub-request, the calls that serve it and the decline the policy requires, if any. The rule-based agent plays a perfect
/// planner, as it plays a perfect listener through the user's acts; nothing of the plan travels in the user's acts.
/// </summary>
/// <param name="step">The planned sub-request of each key.</param>
internal sealed class OraclePlan(Func<RequestKey, SubRequest> step)
{
    /// <summary>The plan of <paramref name="tasks"/>.</summary>
    public static OraclePlan Of(IReadOnlyList<TaskSpec> tasks) => new(k => tasks[k.Task].SubRequests[k.Request]);

    /// <summary>The calls that serve <paramref name="request"/>, with argument expressions.</summary>
    public IReadOnlyList<PlannedCall> Calls(RequestKey request) => step(request).Calls;

    /// <summary>Why the agent must decline <paramref name="request"/> after its calls (the checks), or null.</summary>
    public Decline? Decline(RequestKey request) => step(request).Decline;
}
