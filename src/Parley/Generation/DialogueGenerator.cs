using Parley.Determinism;
using Parley.Dialogues;
using Parley.Environments;
using Parley.Llm;
using Parley.Mcp;
using Parley.Runs;
using Parley.Simulation;
using Parley.Tasks;
using Parley.Text;
using Parley.Tools;
using Parley.Verification;

namespace Parley.Generation;

/// <summary>
/// Generates one dialogue from any starting point (nothing, planned tasks, or a saved state): plans, simulates,
/// verifies. Every random choice derives from the dialogue's own seed, so a dialogue can be regenerated alone.
/// </summary>
public sealed class DialogueGenerator(ITaskPlanner planner, IUserSimulator user, IAgent agent, DialogueVerifier verifier, RoleEngines engines)
{
    private static readonly string SystemTemplate = LlmAgent.SystemPrompt.Text;

    /// <summary>The rule-based roles: scenario planner, agenda user, oracle agent, structural and end-state checks.</summary>
    public static DialogueGenerator RuleBased { get; } = new(new ScenarioTaskPlanner(), new AgendaUserSimulator(), new OracleAgent(), DialogueVerifier.Default, RoleEngines.RuleBased);

    /// <summary>The engine behind each role, for metadata.</summary>
    public RoleEngines Engines => engines;

    /// <summary>
    /// Makes each dialogue's tool executor (e.g. a <see cref="SimulatedToolExecutor"/> for <c>tool_mode: simulated</c>),
    /// given the environment and the dialogue's state; null (the default) runs tools as SQL on the dialogue's database copy.
    /// A custom executor owns its state, so a resumed dialogue's writes are not replayed into the database.
    /// </summary>
    public Func<EnvironmentDatabase, GenerationState, IToolExecutor>? ToolExecutor { get; init; }

    /// <summary>
    /// Reach the tools only through MCP: each dialogue's database is served by an MCP server of its own
    /// (<see cref="McpSessionBridge"/>), the agent is shown the tools it lists and every call is an MCP call. For
    /// evaluating an agent as an MCP client; ignored for environments that already are MCP servers.
    /// </summary>
    public bool ToolsOverMcp { get; init; }

    /// <summary>
    /// The planner for MCP environments (<c>--from-mcp</c>): the rule-based <see cref="McpTaskPlanner"/> by default, a
    /// <see cref="McpLlmTaskPlanner"/> when the planner role has a model.
    /// </summary>
    public ITaskPlanner McpPlanner { get; init; } = new McpTaskPlanner();

    /// <summary>
    /// The tasks stage: plans the tasks of a new dialogue and returns its opening state, or a rejected outcome
    /// (planning failed) when there is nothing to converse about.
    /// </summary>
    public async ValueTask<DialogueStart> PlanAsync(EnvironmentDatabase env, long index, string id, ulong seed, DialogueMode mode,
        TaskCountDistribution taskCounts, CancellationToken cancellationToken)
    {
        try
        {
            var count = taskCounts.Sample(new SeededRandom(StableSeed.Derive(seed, "task-count")));
            var request = new TaskPlanRequest(env, id, StableSeed.Derive(seed, "plan"), count);
            // An MCP server's tools have no rows to ground scenarios in: its own planner works from the tools' shapes.
            var plan = await (env.Spec.Mcp is null ? planner : McpPlanner).PlanAsync(request, cancellationToken);
            // The planner's tokens belong to the dialogue it planned, or failed to plan.
            var usage = plan.Usage is { } spent ? LlmRole.TaskPlanner.AddUsage(null, spent) : null;
            if (plan.Failure is { } failure)
            {
                var message = ParleyException.NoFeasibleTask(env.Spec.Id, failure).Message;
                return new DialogueStart(null, new DialogueOutcome(index, id, []) { Problems = [new Problem(new CheckName(CheckKind.Planning), message)], Usage = usage });
            }
            var state = NewState(env, index, id, seed, mode, plan.Tasks);
            return new DialogueStart(usage is null ? state : state with { Usage = usage }, null);
        }
        catch (ParleyException e) when (e.Code == "no_feasible_task")
        {
            // Only a plan that cannot be made rejects the dialogue; a configuration error stops the run.
            return new DialogueStart(null, new DialogueOutcome(index, id, []) { Problems = [new Problem(new CheckName(CheckKind.Planning), e.Message)] });
        }
        catch (LlmException e)
        {
            return new DialogueStart(null, new DialogueOutcome(index, id, [])
            {
                Problems = [e.Problem],
                Usage = e.Usage is { } spent ? LlmRole.TaskPlanner.AddUsage(null, spent) : null,
            });
        }
    }

    /// <summary>The opening state of a dialogue over tasks planned elsewhere.</summary>
    public static GenerationState Start(EnvironmentDatabase env, long index, ulong seed, DialogueMode mode, IReadOnlyList<TaskSpec> tasks) =>
        NewState(env, index, tasks[0].DialogueId, seed, mode, tasks);

    /// <summary>
    /// The dialogue stage: rebuilds the state's database (replaying its writes) on a copy of its own and runs the
    /// conversation until it ends or reaches <see cref="GenerationOptions.PauseAfter"/>.
    /// </summary>
    public async ValueTask<GenerationState> SimulateAsync(EnvironmentDatabase env, GenerationState state, GenerationOptions options, CancellationToken cancellationToken)
    {
        // An MCP environment's tools run on a clean server of the dialogue's own (a fresh process or session).
        var executor = env.Spec.Mcp is { } server ? new McpToolExecutor(server) : ToolExecutor?.Invoke(env, state);
        McpSessionBridge? bridge = null;
        try
        {
            using var session = DialogueSession.Open(env, executor);
            if (ToolsOverMcp && executor is null)
            {
                bridge = await McpSessionBridge.OpenAsync(env, session.DatabaseExecutor, cancellationToken);
                session.Reroute(bridge, bridge.Tools);
            }
            // A saved dialogue's writes are replayed to rebuild its state: into its database copy, or into its MCP server.
            if (executor is null or McpToolExecutor) await StateReplay.ReplayAsync(session, state, cancellationToken);
            // An agent that emits no acts (an LLM) has them read from its calls and text, for rule-based users and bookkeeping;
            // only a rule-based agent (the oracle, or the baseline over it) is shown the plan.
            var byModel = agent is ILlmRole;
            var orchestrator = new Orchestrator(user, agent, new OrchestratorOptions { MaxTurns = options.MaxTurns, InferAgentActs = byModel, ShowPlan = !byModel, ParallelToolCalls = options.ParallelToolCalls });
            var final = await orchestrator.RunAsync(state with { Prompts = Prompts(state.Mode, executor) }, session, options.PauseAfter, cancellationToken);
            if (executor is SimulatedToolExecutor simulated && simulated.Usage.Requests > 0)
            {
                final = final with { Usage = LlmRole.ToolSimulator.AddUsage(final.Usage, simulated.Usage) };
            }
            if (executor is McpToolExecutor mcp && final.Next == Speaker.Done && final.Termination is not (TerminationReason.LlmError or TerminationReason.ToolServerLost))
            {
                final = final with { ProbeState = await mcp.ProbeAsync(cancellationToken) };
            }
            return final;
        }
        catch (ToolServerLostException e)
        {
            // Lost while replaying or probing: nothing more can be said about this dialogue's state.
            return state with { Next = Speaker.Done, Termination = TerminationReason.ToolServerLost, Failure = e.Message };
        }
        finally
        {
            if (bridge is not null) await bridge.DisposeAsync();
            if (executor is IAsyncDisposable disposable) await disposable.DisposeAsync();
        }
    }

    /// <summary>The verification stage: verifies a finished conversation, or keeps a paused one as a state to continue.</summary>
    public async ValueTask<DialogueOutcome> FinishAsync(EnvironmentDatabase env, GenerationState start, GenerationState final, CancellationToken cancellationToken)
    {
        if (final.Next != Speaker.Done)
        {
            return new DialogueOutcome(start.Index, start.DialogueId, start.Tasks) { Paused = final };
        }
        if (final.Termination is TerminationReason.LlmError or TerminationReason.ToolServerLost)
        {
            // Kept as rejected, with everything generated before the failure.
            return new DialogueOutcome(start.Index, start.DialogueId, start.Tasks) { Dialogue = ToDialogue(env, final), Problems = [Failure(final)] };
        }
        var dialogue = ToDialogue(env, final);
        var verdict = await verifier.VerifyAsync(new VerificationContext(dialogue, final.Tasks, env.Tools), cancellationToken);
        dialogue = dialogue with
        {
            Metadata = dialogue.Metadata with
            {
                Verdict = verdict,
                Usage = verdict.Judge?.Usage is { } judged ? LlmRole.Judge.AddUsage(dialogue.Metadata.Usage, judged) : dialogue.Metadata.Usage,
            },
        };
        return new DialogueOutcome(start.Index, start.DialogueId, start.Tasks) { Dialogue = dialogue, Problems = [.. verdict.Problems] };
    }

    /// <summary>
    /// Why a dialogue stopped by a failed model call or a lost tool server was rejected. Its failure was recorded as
    /// written, <c>llm: …</c> or <c>mcp: …</c>: the check is the termination's, the detail the rest.
    /// </summary>
    private static Problem Failure(GenerationState final)
    {
        var check = new CheckName(final.Termination == TerminationReason.LlmError ? CheckKind.Llm : CheckKind.Mcp);
        var failure = final.Failure ?? "unknown failure";
        var prefix = check.Label + ": ";
        return new Problem(check, failure.StartsWith(prefix, StringComparison.Ordinal) ? failure[prefix.Length..] : failure);
    }



    private static GenerationState NewState(EnvironmentDatabase env, long index, string id, ulong seed, DialogueMode mode, IReadOnlyList<TaskSpec> tasks)
    {
        var name = tasks.Select(t => t.UserFacts.GetValueOrDefault("name") ?? t.HiddenFacts.GetValueOrDefault("name")).FirstOrDefault(n => n is not null) ?? "the user";
        var system = Placeholders.Render(SystemTemplate, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["description"] = env.Spec.Description.Trim(),
            ["policy"] = env.Spec.Policy.Trim(),
            ["today"] = env.Spec.Today,
        }, "agent-system.md");
        return new GenerationState
        {
            DialogueId = id,
            Index = index,
            Seed = seed,
            EnvironmentId = env.Spec.Id,
            Mode = mode,
            Persona = Persona.Sample(name, new SeededRandom(StableSeed.Derive(seed, "persona"))),
            Tasks = tasks,
            Messages = [new SystemMessage { Content = system.Trim() }],
            UserState = new UserState { Rng = StableSeed.Derive(seed, "user") },
            AgentState = new AgentState { Rng = StableSeed.Derive(seed, "agent") },
        };
    }

    /// <summary>Per LLM role, the prompt and settings it sends; null when every role is rule-based.</summary>
    private IReadOnlyDictionary<string, string>? Prompts(DialogueMode mode, IToolExecutor? executor)
    {
        var prompts = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (user is ILlmRole u) prompts[LlmRole.UserSimulator.ConfigName()] = u.DescribePrompt(mode);
        if (agent is ILlmRole a) prompts[LlmRole.Agent.ConfigName()] = a.DescribePrompt(mode);
        if (executor is SimulatedToolExecutor s) prompts[LlmRole.ToolSimulator.ConfigName()] = s.DescribePrompt();
        return prompts.Count == 0 ? null : prompts;
    }

    private Dialogue ToDialogue(EnvironmentDatabase env, GenerationState state) => new()
    {
        Id = state.DialogueId,
        Messages = state.Messages,
        Tools = env.Tools.Definitions,
        Metadata = new DialogueMetadata
        {
            EnvironmentId = env.Spec.Id,
            Domain = env.Spec.Domain,
            Mode = state.Mode,
            Seed = state.Seed,
            Index = state.Index,
            Tasks = [.. state.Tasks.Select(t => t.Id)],
            // An MCP environment's tasks come from the shape planner unless the planner role has a model.
            Engines = (env.Spec.Mcp is null || McpPlanner is McpLlmTaskPlanner ? engines : engines with { Planner = "mcp_shapes" }).ToDictionary(),
            Persona = state.Persona.Label,
            Termination = state.Termination,
            Counts = DialogueCounts.Of(state.Messages, state.Tasks.Count, state.TaskEndStates.Count(h => h is not null)),
            // An MCP server's state is not in the (empty) database: its probe speaks for it instead.
            TaskEndStates = env.Spec.Mcp is null ? state.TaskEndStates : [],
            Mcp = env.Spec.Mcp is { } server ? new McpRunInfo
            {
                Server = server.Source,
                Isolation = server.Isolation,
                Scratch = server.ScratchDescription,
                Verification = server.Verification,
                Probe = server.Probe,
                ProbeState = state.ProbeState,
            } : null,
            Usage = state.Usage,
            Prompts = state.Prompts,
            Augmentation = state.Augmentation,
        },
    };
}
