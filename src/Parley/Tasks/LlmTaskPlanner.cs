using System.Globalization;
using Microsoft.Extensions.AI;
using Parley.Determinism;
using Parley.Llm;

namespace Parley.Tasks;

/// <summary>
/// The LLM planner: shows the model the tools, the policy, one sampled user and the rows linked to them, and asks for
/// the dialogue's tasks as JSON (goal, difficulty, ordered sub-requests with phrasings and concrete tool calls, user and
/// hidden facts, follow-ups, mind changes). Every call is then run in order on a scratch copy; tasks whose calls fail
/// are sent back with the concrete errors for repair, and dropped if they still fail. Kept tasks carry expected end-state
/// hashes computed exactly as <see cref="ScenarioTaskPlanner"/> does, and planned calls the rule-based roles can follow.
/// </summary>
/// <remarks>
/// Thread-safe; holds no per-dialogue state. Deterministic given the model's replies: the user and rows come from the
/// request's seed, which is also sent to the endpoint. A reply the model cannot make usable (invalid JSON after repairs,
/// a refusal, a truncated or filtered reply) becomes <see cref="ParleyException.NoFeasibleTask"/>, which rejects only this
/// dialogue; transport and configuration failures propagate as <see cref="LlmException"/>.
/// </remarks>
/// <param name="client">The planner's model.</param>
/// <param name="settings">Model and sampling settings; <see cref="LlmRoleSettings.MaxRepairs"/> bounds both JSON and execution repairs.</param>
/// <param name="rowsPerTable">Rows shown per table (linked to the user first).</param>
internal sealed class LlmTaskPlanner(IChatClient client, LlmRoleSettings settings, int rowsPerTable = 6) : ITaskPlanner
{
    /// <summary>The planner's prompt (its name and hash identify the planning instructions in metadata).</summary>
    public Prompt Prompt { get; } = PromptLibrary.Get("task-planner.md");

    /// <summary>The planner's input sections and the repair request sent when planned calls fail.</summary>
    public static PromptFragments Fragments { get; } = PromptFragments.Get("task-planner.yaml");

    /// <summary>
    /// Plans the tasks and reports what was dropped, how many repair rounds it took and the tokens spent; when no task
    /// survives, a plan with <see cref="TaskPlan.Failure"/> (the tokens were spent all the same).
    /// </summary>
    /// <exception cref="LlmException">A model call failed after its retries (it carries the tokens spent before).</exception>
    public async ValueTask<TaskPlan> PlanAsync(TaskPlanRequest request, CancellationToken cancellationToken = default)
    {
        var counter = new UsageCountingChatClient(client);
        return await counter.RunAsync(() => PlanWithAsync(counter, request, cancellationToken).AsTask());
    }

    private async ValueTask<TaskPlan> PlanWithAsync(UsageCountingChatClient counter, TaskPlanRequest request, CancellationToken cancellationToken)
    {
        var env = request.Environment;
        RowSample sample;
        using (var lease = env.Rent())
        {
            sample = RowSample.Draw(env, lease.Database, new SeededRandom(request.Seed), rowsPerTable);
        }
        var messages = new List<ChatMessage>
        {
            new(ChatRole.System, Prompt.Text),
            new(ChatRole.User, PlannerInput.Render(env, sample, request.TaskCount)),
        };
        var options = settings.CreateOptions(request.Seed);
        (List<TaskSpec> Tasks, List<string> Problems)? best = null;
        var repairs = 0;
        for (var attempt = 0; ; attempt++)
        {
            var (reply, unusable) = await AskAsync(counter, messages, TaskPlanSchema.For(env.Tools, request.TaskCount), options, cancellationToken);
            if (reply is null)
            {
                if (best is not null) break; // a repair that went wrong keeps the attempt before it
                return new TaskPlan([], [], repairs) { Usage = counter.Usage, Failure = $"the planner's model gave no usable plan ({unusable})" };
            }
            using var grounder = new PlanGrounder(env, request, sample);
            await grounder.GroundAsync(reply.Value.Tasks, cancellationToken);
            // The attempt with the most feasible tasks wins; a later one on a tie, as it answered more feedback.
            if (best is null || grounder.Tasks.Count >= best.Value.Tasks.Count) best = (grounder.Tasks, grounder.Problems);
            if (grounder.Problems.Count == 0 || attempt >= settings.MaxRepairs) break;
            repairs++;
            messages.Add(new ChatMessage(ChatRole.Assistant, reply.Response.Text));
            messages.Add(new ChatMessage(ChatRole.User, RepairRequest(grounder.Problems, request.TaskCount)));
        }
        var (tasks, dropped) = best!.Value;
        return new TaskPlan(tasks, dropped, repairs)
        {
            Usage = counter.Usage,
            Failure = tasks.Count > 0 ? null : dropped.Count == 0 ? "the planner returned no task" : "no planned task could be carried out: " + string.Join("; ", dropped),
        };
    }

    // Null when the model's reply stays unusable (a content problem: this dialogue has no plan); transport failures propagate.
    private async Task<(StructuredReply<TaskPlanReply>? Reply, string? Problem)> AskAsync(IChatClient counter, List<ChatMessage> messages, ReplySchema schema,
        ChatOptions options, CancellationToken cancellationToken)
    {
        try
        {
            // Everything a reply can get wrong on its own is the schema's; what its calls do is the grounder's.
            return (await StructuredOutput.GetAsync(counter, messages, schema, TaskPlanReplyJsonContext.Default.TaskPlanReply, options,
                null, settings.MaxRepairs, cancellationToken), null);
        }
        catch (LlmException e) when (e.Kind is LlmFailureKind.InvalidJson or LlmFailureKind.Empty or LlmFailureKind.Refusal
            or LlmFailureKind.Truncated or LlmFailureKind.ContentFilter)
        {
            return (null, $"{e.Kind.Label()}: {e.Message}");
        }
    }

    private static string RepairRequest(IReadOnlyList<string> problems, int count) => Fragments.Render("repair",
        ("problems", string.Concat(problems.Select(p => "- " + p + "\n"))), ("count", count.ToString(CultureInfo.InvariantCulture)));
}
