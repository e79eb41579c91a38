using System.Text.Json.Serialization;

namespace Parley.Tasks;

/// <summary>One sub-request of a dialogue: the task's position in the dialogue and the request's position in the task.</summary>
/// <remarks>Written as <c>task:request</c> (e.g. <c>0:1</c>), the form saved dialogue states have always used.</remarks>
[JsonConverter(typeof(RequestKeyJsonConverter))]
public readonly record struct RequestKey(int Task, int Request)
{
    /// <summary>Every sub-request of <paramref name="tasks"/>, task by task.</summary>
    public static IEnumerable<RequestKey> AllOf(IReadOnlyList<TaskSpec> tasks) =>
        tasks.SelectMany((t, i) => Enumerable.Range(0, t.SubRequests.Count).Select(r => new RequestKey(i, r)));

    /// <summary>Every sub-request of the task at <paramref name="task"/>.</summary>
    public static IEnumerable<RequestKey> AllOf(IReadOnlyList<TaskSpec> tasks, int task) =>
        Enumerable.Range(0, tasks[task].SubRequests.Count).Select(r => new RequestKey(task, r));

    /// <summary>The <c>task:request</c> form.</summary>
    public override string ToString() => $"{Task}:{Request}";
}
