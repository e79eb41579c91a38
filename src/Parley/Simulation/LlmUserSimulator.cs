using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using Parley.Determinism;
using Parley.Dialogues;
using Parley.Llm;
using Parley.Tasks;

namespace Parley.Simulation;

/// <summary>
/// The user played by a model, following the user-oriented rules (<c>user-oriented.md</c>: one request at a time, facts
/// only when asked, feedback on every result, corrections and follow-ups) or, in task-oriented mode, the baseline
/// (<c>task-oriented.md</c>: everything up front, minimal interaction). It sees only the user and assistant text. Its
/// acts are read from its state change and text (<see cref="UserActReader"/>), so a rule-based agent can serve it.
/// </summary>
/// <remarks>
/// <para>Termination contract: the user may end only once every task is done. A reply that ends early, or that reads like
/// the assistant, is sent back for repair (counted with the other repairs). A model that still ends early is taken at
/// its word: the turn ends the conversation and the orchestrator records a premature end, so the dialogue is rejected
/// rather than continued after a goodbye.</para>
/// <para>Deterministic requests: each call's seed comes from the state's generator, so a replay sends identical requests.</para>
/// </remarks>
internal sealed partial class LlmUserSimulator(IChatClient client, LlmRoleSettings settings) : IUserSimulator, ILlmRole
{
    // Each dialogue's system prompt, rendered at its first turn: keyed by the dialogue's goal list, which lives as long as its run.
    private readonly ConditionalWeakTable<IReadOnlyList<UserGoal>, RenderedSystem> _systemPrompts = [];

    private sealed record RenderedSystem(Prompt Prompt, Persona Persona, string Text);

    /// <inheritdoc />
    public string DescribePrompt(DialogueMode mode)
    {
        return $"{UserPrompt.For(mode).Tag} {UserPrompt.Fragments.File.Tag} {StructuredOutput.Fragments.File.Tag} {settings.Describe()}";
    }

    /// <inheritdoc />
    /// <exception cref="LlmException">The model gave no usable reply within the allowed repairs.</exception>
    public async ValueTask<UserTurn> NextTurnAsync(UserView view, CancellationToken cancellationToken = default)
    {
        var rng = new SeededRandom(view.State.Rng);
        var seed = rng.NextUInt64();
        var counter = new UsageCountingChatClient(client);
        var earlyEndSentBack = false;
        string? Check(UserReply reply)
        {
            if (AssistantVoice().IsMatch(reply.Message))
            {
                return UserPrompt.Fragments["assistant_voice"];
            }
            if (Leak().IsMatch(reply.Message)) return UserPrompt.Fragments["leak"];
            // One early goodbye is sent back; a second is accepted and recorded as a premature end.
            if (reply.EndConversation && !AllDone(view, Advance(view, reply).State) && !earlyEndSentBack && counter.Responses <= settings.MaxRepairs)
            {
                earlyEndSentBack = true;
                return UserPrompt.Fragments["early_end"];
            }
            return null;
        }
        var reply = await counter.RunAsync(() => StructuredOutput.GetAsync(counter, UserPrompt.Build(SystemPrompt(view), view), UserReply.Schema,
            RoleReplyJsonContext.Default.UserReply, settings.CreateOptions(seed), Check, settings.MaxRepairs, cancellationToken));
        var (state, taskDone) = Advance(view, reply.Value);
        var end = reply.Value.EndConversation;
        var message = reply.Value.Message.Trim();
        return new UserTurn(message, state with { Rng = rng.State, Ended = end })
        {
            Acts = UserActReader.Read(view, view.State, state, message, end),
            CurrentTaskDone = taskDone,
            EndConversation = end,
            Usage = counter.Usage,
        };
    }

    private string SystemPrompt(UserView view)
    {
        var prompt = UserPrompt.For(view.Mode);
        if (_systemPrompts.TryGetValue(view.Goals, out var hit) && hit.Prompt == prompt && hit.Persona == view.Persona) return hit.Text;
        var text = UserPrompt.System(prompt, view);
        _systemPrompts.AddOrUpdate(view.Goals, new RenderedSystem(prompt, view.Persona, text));
        return text;
    }

    /// <summary>The user's state after <paramref name="reply"/>, and whether it reports the current task done.</summary>
    private static (UserState State, bool TaskDone) Advance(UserView view, UserReply reply)
    {
        var state = view.State;
        var last = view.Goals.Count - 1;
        if (state.Request < 0)
        {
            // The opening message states the first request (in task-oriented mode, all of them); nothing is done yet.
            return view.Mode == DialogueMode.TaskOriented
                ? (state with { Task = last, Request = view.Goals[last].Steps.Count - 1 }, false)
                : (state with { Task = 0, Request = 0 }, false);
        }
        if (view.Mode == DialogueMode.TaskOriented)
        {
            return reply.CurrentTaskDone || reply.EndConversation ? (state with { Done = AllKeys(view) }, true) : (state, false);
        }
        var requests = view.Goals[state.Task].Steps.Count;
        var taskDone = reply.CurrentTaskDone || (reply.RequestDone && state.Request >= requests - 1);
        if (taskDone)
        {
            var done = state.Done.Union(view.Requests(state.Task)).ToList();
            return state.Task < last
                ? (state with { Task = state.Task + 1, Request = 0, Done = done, FollowUps = 0 }, true)
                : (state with { Done = done }, true);
        }
        if (reply.RequestDone)
        {
            return (state with { Request = state.Request + 1, Done = [.. state.Done, new RequestKey(state.Task, state.Request)], FollowUps = 0 }, false);
        }
        return (state, false);
    }

    private static bool AllDone(UserView view, UserState state) => AllKeys(view).All(state.Done.Contains);

    private static List<RequestKey> AllKeys(UserView view) => [.. view.Requests()];

    [GeneratedRegex(@"\b(how (can|may) i (help|assist)|(anything|something) else i can (help|do|assist)|i('ll| will| can) (look|check) (that|this|it|into)|let me (look|check) (that|this|it) up|i('ve| have) (found|located|booked|updated|cancell?ed|processed|reserved) (your|the)|here (is|are) (the|your) (search )?results)",
        RegexOptions.IgnoreCase)]
    private static partial Regex AssistantVoice();

    [GeneratedRegex(@"\b(sub-?requests?|simulat(ed|or|ion)|dataset|my (goals?|tasks?) (list|is|are))\b", RegexOptions.IgnoreCase)]
    private static partial Regex Leak();
}
