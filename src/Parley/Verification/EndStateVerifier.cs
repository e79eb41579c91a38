using Parley.Dialogues;

namespace Parley.Verification;

/// <summary>
/// Checks each task's outcome by state, not by words: the canonical hash of the database when the task's last action
/// was done must equal the hash the planner got by running the expected actions on a scratch copy.
/// </summary>
internal sealed class EndStateVerifier : IVerifier
{
    /// <inheritdoc />
    public ValueTask<IReadOnlyList<CheckResult>> VerifyAsync(VerificationContext context, CancellationToken cancellationToken = default)
    {
        // An MCP server's state lives outside Parley's database; McpVerifier compares its probe instead.
        if (context.Dialogue.Metadata.Mcp is not null) return ValueTask.FromResult<IReadOnlyList<CheckResult>>([]);
        var observed = context.Dialogue.Metadata.TaskEndStates;
        var results = context.Tasks.Select((task, i) =>
        {
            var actual = i < observed.Count ? observed[i] : null;
            return new CheckResult(new CheckName(CheckKind.EndState, i), actual == task.ExpectedEndState,
                actual is null ? $"task {task.Id} was never completed" : actual == task.ExpectedEndState ? null : $"task {task.Id}: state {actual} differs from expected {task.ExpectedEndState}");
        }).ToList();
        return ValueTask.FromResult<IReadOnlyList<CheckResult>>(results);
    }
}
