using System.Reflection;
using Parley.Simulation;
using Parley.Tasks;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Simulation;

public sealed class UserViewTests(BuiltEnvironments environments)
{
    private static readonly Type[] PlannerOnly = [typeof(TaskSpec), typeof(SubRequest), typeof(PlannedCall), typeof(ExpectedAction), typeof(Decline)];

    /// <summary>Every type reachable from <paramref name="root"/> through properties (public or not) and generic arguments.</summary>
    private static HashSet<Type> Reachable(Type root)
    {
        var seen = new HashSet<Type>();
        var queue = new Queue<Type>([root]);
        while (queue.TryDequeue(out var type))
        {
            if (!seen.Add(type) || type.Namespace?.StartsWith("System", StringComparison.Ordinal) == true && !type.IsGenericType) continue;
            foreach (var arg in type.IsGenericType ? type.GetGenericArguments() : []) queue.Enqueue(arg);
            if (type.IsArray) queue.Enqueue(type.GetElementType()!);
            if (type.Namespace?.StartsWith("Parley", StringComparison.Ordinal) != true) continue;
            foreach (var property in type.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)) queue.Enqueue(property.PropertyType);
        }
        return seen;
    }

    [Fact]
    public void ReachesNoPlannedCall_FromTheUserView() =>
        Reachable(typeof(UserView)).Intersect(PlannerOnly).Should().BeEmpty("the user knows its goals and facts, not the calls that serve them");

    [Fact]
    public void CarriesNoPlannedCall_InADialogueAct() =>
        Reachable(typeof(DialogueAct)).Intersect(PlannerOnly).Should().BeEmpty("a user's acts say what it asked for, never how the agent should do it");

    [Fact]
    public void ShowsTheAgentThePlan_OnlyThroughItsOwnInput() =>
        Reachable(typeof(AgentView)).Should().Contain(typeof(OraclePlan)).And.NotContain(typeof(TaskSpec));

    [Fact]
    public void KeepsWhatTheUserKnows_WhenAGoalIsMadeFromATask()
    {
        var task = Planning.Plan(environments.Retail, 7, 1)[0];

        var goal = UserGoal.Of(task);

        goal.Goal.Should().Be(task.Goal);
        goal.Facts.Should().BeEquivalentTo(task.UserFacts);
        goal.Recognised.Should().BeEquivalentTo(task.HiddenFacts);
        goal.Steps.Select(s => s.Goal).Should().Equal(task.SubRequests.Select(s => s.Goal));
        goal.Steps.SelectMany(s => s.Needs).Should().OnlyContain(f => task.UserFacts.ContainsKey(f), "a step needs only facts the user holds");
        goal.Steps.Select(s => s.Needs.Count).Sum().Should().BePositive("a retail task needs at least one of the user's facts");
    }
}
