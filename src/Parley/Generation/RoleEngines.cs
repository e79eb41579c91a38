namespace Parley.Generation;

/// <summary>Which engine drives each role, recorded in every dialogue and in the manifest.</summary>
public sealed record RoleEngines(string Designer, string Planner, string User, string Agent, string Judge)
{
    /// <summary>All roles rule-based (offline).</summary>
    public static RoleEngines RuleBased { get; } = new("catalog", "scenario", "agenda", "oracle", "none");

    /// <summary>The engines as a role → engine map.</summary>
    public IReadOnlyDictionary<string, string> ToDictionary() => new Dictionary<string, string>
    {
        ["environment_designer"] = Designer,
        ["task_planner"] = Planner,
        ["user_simulator"] = User,
        ["agent"] = Agent,
        ["judge"] = Judge,
    };
}
