using Parley.Environments;
using Parley.Tasks;
using Parley.Tests.TestDoubles;
using Parley.Verification;

namespace Parley.Tests.Verification;

public sealed class EndStateCaptureTests(BuiltEnvironments environments)
{
    private readonly EnvironmentDatabase _retail = environments.Retail;

    private IReadOnlyList<TaskSpec> Tasks() => Planning.Plan(_retail, 12, 2);

    [Fact]
    public void TakesTheStateOfATask_WhenItsLastRequestIsCompleted()
    {
        var tasks = Tasks();
        using var lease = _retail.Rent();
        var last = new RequestKey(1, tasks[1].SubRequests.Count - 1);

        var endStates = EndStateCapture.Default.RequestsCompleted(tasks, [null, null], [new RequestKey(0, 0), last], _retail.Hasher, lease.Database);

        endStates.Should().Equal(tasks[0].SubRequests.Count == 1 ? _retail.Hasher.Hash(lease.Database) : null, _retail.Hasher.Hash(lease.Database));
    }

    [Fact]
    public void ReturnsTheSameList_WhenNoTaskIsFinished()
    {
        var tasks = Tasks();
        using var lease = _retail.Rent();
        IReadOnlyList<string?> before = [null, null];

        var endStates = EndStateCapture.Default.RequestsCompleted(tasks, before, [], _retail.Hasher, lease.Database);

        endStates.Should().BeSameAs(before);
    }

    [Fact]
    public void FillsOnlyEmptySlots_WhenTheUserSaysTasksAreDone()
    {
        var tasks = Tasks();
        using var lease = _retail.Rent();

        var endStates = EndStateCapture.Default.TasksDeclaredDone(tasks, ["earlier", null], 1, _retail.Hasher, lease.Database);

        endStates.Should().Equal("earlier", _retail.Hasher.Hash(lease.Database));
    }

    [Fact]
    public void TakesNothing_WhenTheUserDeclaresNoTask()
    {
        IReadOnlyList<string?> before = [null, null];
        using var lease = _retail.Rent();

        EndStateCapture.Default.TasksDeclaredDone(Tasks(), before, -1, _retail.Hasher, lease.Database).Should().BeSameAs(before);
    }
}
