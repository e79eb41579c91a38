using Parley.Dialogues;
using Parley.Llm;
using Parley.Tasks;
using Parley.Tools;
using Parley.Verification;

namespace Parley.Simulation;

/// <summary>
/// The only type that knows every role: runs the user ↔ agent ↔ tools loop as a state machine over
/// <see cref="GenerationState"/>, raises the events the end-state check captures by (<see cref="IEndStateCapture"/>:
/// sub-requests completed before a turn's calls run, tasks the user says are done), enforces the turn limit and the
/// user's termination contract, adds up each LLM role's token usage, and records why the dialogue stopped.
/// </summary>
/// <remarks>
/// A role's <see cref="LlmException"/> does not escape: the dialogue stops with <see cref="TerminationReason.LlmError"/>
/// and <see cref="GenerationState.Failure"/>, keeping every message generated before it.
/// </remarks>
internal sealed class Orchestrator(IUserSimulator user, IAgent agent, OrchestratorOptions options, IEndStateCapture? endStates = null)
{
    private readonly IEndStateCapture _endStates = endStates ?? EndStateCapture.Default;

    /// <summary>Runs until the dialogue ends, the turn limit is hit, or <paramref name="pauseAfterTurns"/> turns exist.</summary>
    public async ValueTask<GenerationState> RunAsync(GenerationState state, DialogueSession session, int? pauseAfterTurns = null, CancellationToken cancellationToken = default)
    {
        if (state.TaskEndStates.Count < state.Tasks.Count)
        {
            state = state with { TaskEndStates = [.. state.TaskEndStates, .. Enumerable.Repeat<string?>(null, state.Tasks.Count - state.TaskEndStates.Count)] };
        }
        // What each role is shown of the tasks, derived once: the user's goals as it holds them, the oracle's plan.
        var goals = UserGoal.AllOf(state.Tasks);
        var plan = options.ShowPlan ? OraclePlan.Of(state.Tasks) : null;
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
                    Speaker.User => await UserTurnAsync(state, session, goals, cancellationToken),
                    Speaker.Agent => await AgentTurnAsync(state, session, plan, cancellationToken),
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

    private async ValueTask<GenerationState> UserTurnAsync(GenerationState state, DialogueSession session, IReadOnlyList<UserGoal> goals, CancellationToken cancellationToken)
    {
        var visible = state.Messages.Where(m => m is UserMessage || m is AssistantMessage { Content.Length: > 0 }).ToList();
        var view = new UserView(state.DialogueId, state.Mode, state.Persona, goals, visible, state.AgentActs, state.UserState);
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
    /// completed gets its sub-requests completed, and the end-state capture is told, before the agent speaks again.
    /// A rule-based agent has always completed them already, so this changes nothing for it.
    /// </summary>
    private GenerationState MarkTasksDone(GenerationState state, DialogueSession session, int task)
    {
        var completed = state.Completed.ToList();
        for (var t = 0; t <= Math.Min(task, state.Tasks.Count - 1); t++)
        {
            completed.AddRange(RequestKey.AllOf(state.Tasks, t).Where(k => !completed.Contains(k)));
        }
        var endStates = _endStates.TasksDeclaredDone(state.Tasks, state.TaskEndStates, task, session.Environment.Hasher, session.Database);
        return completed.Count == state.Completed.Count && ReferenceEquals(endStates, state.TaskEndStates) ? state : state with { Completed = completed, TaskEndStates = endStates };
    }

    private async ValueTask<GenerationState> AgentTurnAsync(GenerationState state, DialogueSession session, OraclePlan? plan, CancellationToken cancellationToken)
    {
        var view = new AgentView(state.Mode, state.Messages, session.AgentTools, state.UserActs, state.AgentState) { Plan = plan, ParallelToolCalls = options.ParallelToolCalls };
        var turn = await agent.NextTurnAsync(view, cancellationToken);
        var hasCalls = turn.ToolCalls is { Count: > 0 };
        var acts = turn.Acts;
        if (options.InferAgentActs && turn.Acts.Count == 0 && !hasCalls && !string.IsNullOrEmpty(turn.Text))
        {
            state = CompleteServedRequests(state, session);
            acts = AgentActInference.OfText(state, turn.Text);
        }
        // Raised before this turn's own calls run: the state is exactly what the completed requests left.
        var completed = acts.Where(a => a.Type == ActType.Completed).Select(a => a.Key).ToList();
        var next = state with
        {
            Messages = [.. state.Messages, new AssistantMessage { Content = turn.Text ?? "", ToolCalls = hasCalls ? turn.ToolCalls : null, ReasoningContent = turn.Reasoning }],
            AgentState = turn.State,
            AgentActs = [.. state.AgentActs, .. acts],
            Completed = [.. state.Completed, .. completed],
            TaskEndStates = _endStates.RequestsCompleted(state.Tasks, state.TaskEndStates, completed, session.Environment.Hasher, session.Database),
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

    /// <summary>For an agent without acts: completes the requests these calls finished, and tells the end-state capture.</summary>
    private GenerationState CompleteServedRequests(GenerationState state, DialogueSession session)
    {
        var served = AgentActInference.NewlyCompleted(state).ToList();
        if (served.Count == 0) return state;
        var endStates = _endStates.RequestsCompleted(state.Tasks, state.TaskEndStates, served, session.Environment.Hasher, session.Database);
        return state with { Completed = [.. state.Completed, .. served], TaskEndStates = endStates };
    }

    private static IReadOnlyDictionary<string, TokenUsage>? AddUsage(IReadOnlyDictionary<string, TokenUsage>? usage, LlmRole role, TokenUsage? spent) =>
        spent is null ? usage : role.AddUsage(usage, spent);
}
