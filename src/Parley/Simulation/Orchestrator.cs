using Parley.Dialogues;
using Parley.Environments;
using Parley.Llm;
using Parley.Tasks;
using Parley.Tools;

namespace Parley.Simulation;

/// <summary>
/// The only type that knows every role: runs the user ↔ agent ↔ tools loop as a state machine over
/// <see cref="GenerationState"/>, records each task's end state when its last action is done (or, for an agent that
/// reports no acts, when the user says the task is done), enforces the turn limit and the user's termination contract,
/// adds up each LLM role's token usage, and records why the dialogue stopped.
/// </summary>
/// <remarks>
/// A role's <see cref="LlmException"/> does not escape: the dialogue stops with <see cref="TerminationReason.LlmError"/>
/// and <see cref="GenerationState.Failure"/>, keeping every message generated before it.
/// </remarks>
internal sealed class Orchestrator(IUserSimulator user, IAgent agent, OrchestratorOptions options)
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
            try
            {
                state = state.Next switch
                {
                    Speaker.User => await UserTurnAsync(state, session, cancellationToken),
                    Speaker.Agent => await AgentTurnAsync(state, session, cancellationToken),
                    _ => await ToolsTurnAsync(state, session, cancellationToken),
                };
            }
            catch (LlmException e)
            {
                // The failed call's tokens were spent all the same: they stay on the dialogue's bill.
                var role = state.Next == Speaker.User ? LlmRole.UserSimulator : LlmRole.Agent;
                var usage = state.Next == Speaker.Tools ? state.Usage : AddUsage(state.Usage, role, e.Usage);
                return state with { Next = Speaker.Done, Termination = TerminationReason.LlmError, Failure = e.Reason, Usage = usage };
            }
            catch (ToolServerLostException e)
            {
                return state with { Next = Speaker.Done, Termination = TerminationReason.ToolServerLost, Failure = e.Message };
            }
        }
        return state;
    }

    private async ValueTask<GenerationState> UserTurnAsync(GenerationState state, DialogueSession session, CancellationToken cancellationToken)
    {
        var visible = state.Messages.Where(m => m is UserMessage || m is AssistantMessage { Content.Length: > 0 }).ToList();
        var view = new UserView(state.Mode, state.Persona, state.Tasks, visible, state.AgentActs, state.UserState);
        var turn = await user.NextTurnAsync(view, cancellationToken);
        if (turn.CurrentTaskDone) state = MarkTasksDone(state, session, state.UserState.Task);
        var ended = turn.EndConversation;
        var premature = ended && (state.AgentActs.Any(a => a.Type is ActType.AskInfo or ActType.Confirm or ActType.Clarify)
            || RequestKey.AllOf(state.Tasks).Any(k => !state.Completed.Contains(k)));
        return state with
        {
            Messages = [.. state.Messages, new UserMessage { Content = turn.Message }],
            UserState = turn.State,
            UserActs = turn.Acts,
            AgentActs = [],
            UserEnded = ended,
            Termination = premature ? TerminationReason.PrematureEnd : state.Termination,
            Next = Speaker.Agent,
            Usage = AddUsage(state.Usage, LlmRole.UserSimulator, turn.Usage),
        };
    }

    /// <summary>
    /// The user says the task it was on is done: every task up to <paramref name="task"/> that the agent has not
    /// completed gets its sub-requests completed and its end state hashed now, before the agent speaks again.
    /// A rule-based agent has always completed them already, so this changes nothing for it.
    /// </summary>
    private static GenerationState MarkTasksDone(GenerationState state, DialogueSession session, int task)
    {
        var completed = state.Completed.ToList();
        var endStates = state.TaskEndStates.ToArray();
        string? hash = null;
        for (var t = 0; t <= Math.Min(task, state.Tasks.Count - 1); t++)
        {
            completed.AddRange(RequestKey.AllOf(state.Tasks, t).Where(k => !completed.Contains(k)));
            endStates[t] ??= hash ??= session.Environment.Hasher.Hash(session.Database);
        }
        return completed.Count == state.Completed.Count && hash is null ? state : state with { Completed = completed, TaskEndStates = endStates };
    }

    private async ValueTask<GenerationState> AgentTurnAsync(GenerationState state, DialogueSession session, CancellationToken cancellationToken)
    {
        var view = new AgentView(state.Mode, state.Messages, session.AgentTools, state.UserActs, state.AgentState);
        var turn = await agent.NextTurnAsync(view, cancellationToken);
        var hasCalls = turn.ToolCalls is { Count: > 0 };
        var acts = turn.Acts;
        if (options.InferAgentActs && turn.Acts.Count == 0 && !hasCalls && !string.IsNullOrEmpty(turn.Text))
        {
            state = CompleteServedRequests(state, session);
            acts = AgentActInference.OfText(state, turn.Text);
        }
        var completed = state.Completed.ToList();
        var endStates = state.TaskEndStates.ToArray();
        foreach (var act in acts.Where(a => a.Type == ActType.Completed))
        {
            completed.Add(act.Key);
            if (act.Task >= 0 && act.Task < state.Tasks.Count && act.Request == state.Tasks[act.Task].SubRequests.Count - 1)
            {
                // Hash now, before this turn's own calls run: the state is exactly what the task left.
                endStates[act.Task] = session.Environment.Hasher.Hash(session.Database);
            }
        }
        var next = state with
        {
            Messages = [.. state.Messages, new AssistantMessage { Content = turn.Text ?? "", ToolCalls = hasCalls ? turn.ToolCalls : null, ReasoningContent = turn.Reasoning }],
            AgentState = turn.State,
            AgentActs = [.. state.AgentActs, .. acts],
            Completed = completed,
            TaskEndStates = endStates,
            Usage = AddUsage(state.Usage, LlmRole.Agent, turn.Usage),
            UnknownToolCalls = state.UnknownToolCalls + turn.UnknownToolCalls,
        };
        if (hasCalls) return next with { Next = Speaker.Tools };
        if (string.IsNullOrEmpty(turn.Text)) return next with { Next = Speaker.Done, Termination = TerminationReason.AgentStuck };
        if (state.UserEnded)
        {
            return next with { Next = Speaker.Done, Termination = state.Termination == TerminationReason.PrematureEnd ? TerminationReason.PrematureEnd : TerminationReason.UserEnded };
        }
        return next with { Next = Speaker.User };
    }

    private async ValueTask<GenerationState> ToolsTurnAsync(GenerationState state, DialogueSession session, CancellationToken cancellationToken)
    {
        var calls = ((AssistantMessage)state.Messages[^1]).ToolCalls!;
        var messages = state.Messages.ToList();
        foreach (var call in calls)
        {
            var result = await session.Executor.ExecuteAsync(new ToolInvocation(call.Id, call.Function.Name, call.Function.Arguments), cancellationToken);
            messages.Add(new ToolMessage { ToolCallId = call.Id, Name = call.Function.Name, Content = result.Content, ErrorKind = result.Error });
        }
        state = state with { Messages = messages, Next = Speaker.Agent };
        return options.InferAgentActs ? CompleteServedRequests(state, session) : state;
    }

    /// <summary>For an agent without acts: completes the requests these calls finished, hashing a task's end state as its last one is done.</summary>
    private static GenerationState CompleteServedRequests(GenerationState state, DialogueSession session)
    {
        var served = AgentActInference.NewlyCompleted(state).ToList();
        if (served.Count == 0) return state;
        var endStates = state.TaskEndStates.ToArray();
        foreach (var (task, _) in served.Where(s => s.Request == state.Tasks[s.Task].SubRequests.Count - 1))
        {
            endStates[task] = session.Environment.Hasher.Hash(session.Database);
        }
        return state with { Completed = [.. state.Completed, .. served], TaskEndStates = endStates };
    }

    private static IReadOnlyDictionary<string, TokenUsage>? AddUsage(IReadOnlyDictionary<string, TokenUsage>? usage, LlmRole role, TokenUsage? spent) =>
        spent is null ? usage : role.AddUsage(usage, spent);
}
