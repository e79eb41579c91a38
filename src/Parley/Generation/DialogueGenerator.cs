using Parley.Determinism;
using Parley.Dialogues;
using Parley.Environments;
using Parley.Simulation;
using Parley.Tasks;
using Parley.Verification;

namespace Parley.Generation;

/// <summary>
/// Generates one dialogue from any starting point (nothing, planned tasks, or a saved state): plans, simulates,
/// verifies. Every random choice derives from the dialogue's own seed, so a dialogue can be regenerated alone.
/// </summary>
public sealed class DialogueGenerator(ITaskPlanner planner, IUserSimulator user, IAgent agent, DialogueVerifier verifier, RoleEngines engines)
{
    private static readonly string SystemTemplate = TemplateBank.ReadResource("agent-system.md");

    /// <summary>The rule-based roles: scenario planner, agenda user, oracle agent, structural and end-state checks.</summary>
    public static DialogueGenerator RuleBased { get; } = new(new ScenarioTaskPlanner(), new AgendaUserSimulator(), new OracleAgent(), DialogueVerifier.Default, RoleEngines.RuleBased);

    /// <summary>The engine behind each role, for metadata.</summary>
    public RoleEngines Engines => engines;

    /// <summary>Plans tasks and runs a new dialogue.</summary>
    public async ValueTask<DialogueOutcome> GenerateAsync(EnvironmentDatabase env, long index, string id, ulong seed, DialogueMode mode,
        TaskCountDistribution taskCounts, GenerationOptions options, CancellationToken cancellationToken)
    {
        var start = await PlanAsync(env, index, id, seed, mode, taskCounts, cancellationToken);
        return start.Outcome ?? await ContinueAsync(env, start.State!, options, cancellationToken);
    }

    /// <summary>Runs a dialogue over tasks planned elsewhere (a tasks file).</summary>
    public ValueTask<DialogueOutcome> GenerateFromTasksAsync(EnvironmentDatabase env, long index, ulong seed, DialogueMode mode,
        IReadOnlyList<TaskSpec> tasks, GenerationOptions options, CancellationToken cancellationToken) =>
        ContinueAsync(env, Start(env, index, seed, mode, tasks), options, cancellationToken);

    /// <summary>Continues a saved state (replaying its writes to rebuild the database) and verifies the result.</summary>
    public async ValueTask<DialogueOutcome> ContinueAsync(EnvironmentDatabase env, GenerationState state, GenerationOptions options, CancellationToken cancellationToken)
    {
        var final = await SimulateAsync(env, state, options, cancellationToken);
        return await FinishAsync(env, state, final, cancellationToken);
    }

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
            var tasks = await planner.PlanAsync(new TaskPlanRequest(env, id, StableSeed.Derive(seed, "plan"), count), cancellationToken);
            return new DialogueStart(NewState(env, index, id, seed, mode, tasks), null);
        }
        catch (ParleyException e)
        {
            return new DialogueStart(null, new DialogueOutcome(index, id, []) { Problems = [$"planning: {e.Message}"] });
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
        using var session = DialogueSession.Open(env);
        await StateReplay.ReplayAsync(session, state, cancellationToken);
        var orchestrator = new Orchestrator(user, agent, new OrchestratorOptions { MaxTurns = options.MaxTurns });
        return await orchestrator.RunAsync(state, session, options.PauseAfter, cancellationToken);
    }

    /// <summary>The verification stage: verifies a finished conversation, or keeps a paused one as a state to continue.</summary>
    public async ValueTask<DialogueOutcome> FinishAsync(EnvironmentDatabase env, GenerationState start, GenerationState final, CancellationToken cancellationToken)
    {
        if (final.Next != Speaker.Done)
        {
            return new DialogueOutcome(start.Index, start.DialogueId, start.Tasks) { Paused = final };
        }
        var dialogue = ToDialogue(env, final);
        var verdict = await verifier.VerifyAsync(new VerificationContext(dialogue, final.Tasks, env.Tools), cancellationToken);
        dialogue = dialogue with { Metadata = dialogue.Metadata with { Verdict = verdict } };
        return new DialogueOutcome(start.Index, start.DialogueId, start.Tasks) { Dialogue = dialogue, Problems = [.. verdict.Failures] };
    }

    private static GenerationState NewState(EnvironmentDatabase env, long index, string id, ulong seed, DialogueMode mode, IReadOnlyList<TaskSpec> tasks)
    {
        var name = tasks.Select(t => t.UserFacts.GetValueOrDefault("name") ?? t.HiddenFacts.GetValueOrDefault("name")).FirstOrDefault(n => n is not null) ?? "the user";
        var system = SystemTemplate
            .Replace("{description}", env.Spec.Description.Trim(), StringComparison.Ordinal)
            .Replace("{policy}", env.Spec.Policy.Trim(), StringComparison.Ordinal)
            .Replace("{today}", env.Spec.Today, StringComparison.Ordinal);
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
            Engines = engines.ToDictionary(),
            Persona = state.Persona.Label,
            Termination = state.Termination,
            Counts = DialogueCounts.Of(state.Messages, state.Tasks.Count, state.TaskEndStates.Count(h => h is not null)),
            TaskEndStates = state.TaskEndStates,
        },
    };
}
