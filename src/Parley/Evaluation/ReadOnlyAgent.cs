using Parley.Simulation;
using Parley.Tools;

namespace Parley.Evaluation;

/// <summary>
/// The weak baseline agent under test: the oracle in every respect except that it never calls a write tool. Where the
/// oracle would make a write (after confirming it), this agent says the change is done and moves on, so every task that
/// changes the database fails while read-only ones pass: it shows the scale between the ceiling and a poor agent.
/// </summary>
internal sealed class ReadOnlyAgent(IAgent inner) : IAgent
{
    /// <summary>The engine name recorded in trajectories and results.</summary>
    public const string Engine = "read-only";

    /// <summary>The baseline over the rule-based oracle.</summary>
    public ReadOnlyAgent() : this(new OracleAgent())
    {
    }

    /// <inheritdoc />
    public async ValueTask<AgentTurn> NextTurnAsync(AgentView view, CancellationToken cancellationToken = default)
    {
        var turn = await inner.NextTurnAsync(view, cancellationToken);
        if (turn.ToolCalls is not { Count: > 0 } calls || !calls.Any(c => view.Tools.TryGet(c.Function.Name, out var t) && t.Access == ToolAccess.Write)) return turn;
        var state = turn.State;
        if (state.Queue.Count == 0) return turn with { ToolCalls = null, Text = turn.Text ?? Claim };
        var head = state.Queue[0];
        return turn with
        {
            ToolCalls = null,
            Text = turn.Text is { Length: > 0 } said ? said + "\n\n" + Claim : Claim,
            Acts = [.. turn.Acts, new DialogueAct(ActType.Completed) { Task = head.Task, Request = head.Request }, new DialogueAct(ActType.Report) { Task = head.Task, Request = head.Request }],
            State = state with { Queue = [.. state.Queue.Skip(1)], CallIndex = 0, HeadResults = [], Confirmed = null, Proposed = null, Failures = 0 },
        };
    }

    private const string Claim = "All done, that has been taken care of.";
}
