using Parley.Dialogues;
using Parley.Environments;
using Parley.Tools;

namespace Parley.Simulation;

/// <summary>
/// The only type that knows every role: runs the user ↔ agent ↔ tools loop as a state machine over
/// <see cref="GenerationState"/>, records each task's end state when its last action is done, enforces the turn limit
/// and the user's termination contract, and records why the dialogue stopped.
/// </summary>
public sealed class Orchestrator(IUserSimulator user, IAgent agent, OrchestratorOptions options)
{
    /// <summary>Runs until the dialogue ends, the turn limit is hit, or <paramref name="pauseAfterTurns"/> turns exist.</summary>
    public async ValueTask<GenerationState> RunAsync(GenerationState state, DialogueSession session, int? pauseAfterTurns = null, CancellationToken cancellationToken = default)
    {
        if (state.TaskEndStates.Count < state.Tasks.Count)
        {
            state = state with { TaskEndStates = [.. state.TaskEndStates, .. Enumerable.Repeat<string?>(null, state.Tasks.Count - state.TaskEndStates.Count)] };
        }
        while (state.Next != Speaker.Done)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var turns = state.Messages.Count - 1;
            if (pauseAfterTurns is { } pause && turns >= pause) return state;
            if (turns >= options.MaxTurns)
            {
                return state with { Next = Speaker.Done, Termination = TerminationReason.MaxTurns };
            }
            state = state.Next switch
            {
                Speaker.User => await UserTurnAsync(state, cancellationToken),
                Speaker.Agent => await AgentTurnAsync(state, session, cancellationToken),
                _ => await ToolsTurnAsync(state, session.Executor, cancellationToken),
            };
        }
        return state;
    }

    private async ValueTask<GenerationState> UserTurnAsync(GenerationState state, CancellationToken cancellationToken)
    {
        var visible = state.Messages.Where(m => m is UserMessage || m is AssistantMessage { Content.Length: > 0 }).ToList();
        var view = new UserView(state.Mode, state.Persona, state.Tasks, visible, state.AgentActs, state.UserState);
        var turn = await user.NextTurnAsync(view, cancellationToken);
        var ended = turn.EndConversation;
        var premature = ended && (state.AgentActs.Any(a => a.Type is ActType.AskInfo or ActType.Confirm or ActType.Clarify)
            || state.Tasks.Select((t, i) => t.SubRequests.Select((_, r) => $"{i}:{r}")).SelectMany(x => x).Any(k => !state.Completed.Contains(k)));
        return state with
        {
            Messages = [.. state.Messages, new UserMessage { Content = turn.Message }],
            UserState = turn.State,
            UserActs = turn.Acts,
            AgentActs = [],
            UserEnded = ended,
            Termination = premature ? TerminationReason.PrematureEnd : state.Termination,
            Next = Speaker.Agent,
        };
    }

    private async ValueTask<GenerationState> AgentTurnAsync(GenerationState state, DialogueSession session, CancellationToken cancellationToken)
    {
        var view = new AgentView(state.Mode, state.Messages, session.Environment.Tools, state.UserActs, state.AgentState);
        var turn = await agent.NextTurnAsync(view, cancellationToken);
        var completed = state.Completed.ToList();
        var endStates = state.TaskEndStates.ToArray();
        foreach (var act in turn.Acts.Where(a => a.Type == ActType.Completed))
        {
            completed.Add($"{act.Task}:{act.Request}");
            if (act.Task >= 0 && act.Task < state.Tasks.Count && act.Request == state.Tasks[act.Task].SubRequests.Count - 1)
            {
                // Hash now, before this turn's own calls run: the state is exactly what the task left.
                endStates[act.Task] = session.Environment.Hasher.Hash(session.Database);
            }
        }
        var hasCalls = turn.ToolCalls is { Count: > 0 };
        var next = state with
        {
            Messages = [.. state.Messages, new AssistantMessage { Content = turn.Text, ToolCalls = hasCalls ? turn.ToolCalls : null, ReasoningContent = turn.Reasoning }],
            AgentState = turn.State,
            AgentActs = [.. state.AgentActs, .. turn.Acts],
            Completed = completed,
            TaskEndStates = endStates,
        };
        if (hasCalls) return next with { Next = Speaker.Tools };
        if (string.IsNullOrEmpty(turn.Text)) return next with { Next = Speaker.Done, Termination = TerminationReason.AgentStuck };
        if (state.UserEnded)
        {
            return next with { Next = Speaker.Done, Termination = state.Termination == TerminationReason.PrematureEnd ? TerminationReason.PrematureEnd : TerminationReason.UserEnded };
        }
        return next with { Next = Speaker.User };
    }

    private static async ValueTask<GenerationState> ToolsTurnAsync(GenerationState state, IToolExecutor executor, CancellationToken cancellationToken)
    {
        var calls = ((AssistantMessage)state.Messages[^1]).ToolCalls!;
        var messages = state.Messages.ToList();
        foreach (var call in calls)
        {
            var result = await executor.ExecuteAsync(new ToolInvocation(call.Id, call.Function.Name, call.Function.Arguments), cancellationToken);
            messages.Add(new ToolMessage { ToolCallId = call.Id, Name = call.Function.Name, Content = result.Content });
        }
        return state with { Messages = messages, Next = Speaker.Agent };
    }
}
