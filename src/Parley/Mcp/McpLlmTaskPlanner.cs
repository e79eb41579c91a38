using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Parley.Environments;
using Parley.Llm;
using Parley.Serialization;
using Parley.Tasks;
using Parley.Tools;

namespace Parley.Mcp;

/// <summary>
/// The LLM planner for an MCP server's tools (<c>--from-mcp</c> with a model for the planner role): shows the model the
/// tools with their schemas and the outputs sampled from the server, and asks for tasks under a strict schema whose tool
/// names are an enum. Every planned call then runs on a scratch server of the dialogue's own, task after task; tasks
/// whose calls fail are sent back with the server's errors for repair and dropped if they still fail. The state probe's
/// answer after each kept task becomes its expected end state, as with <see cref="McpTaskPlanner"/>.
/// </summary>
/// <remarks>Thread-safe; deterministic given the model's replies (the request's seed is sent to the endpoint).</remarks>
/// <param name="client">The planner's model.</param>
/// <param name="settings">Model and sampling settings; <see cref="LlmRoleSettings.MaxRepairs"/> bounds JSON and execution repairs alike.</param>
internal sealed class McpLlmTaskPlanner(IChatClient client, LlmRoleSettings settings) : ITaskPlanner
{
    private const int MaxSampleChars = 2_000;

    /// <summary>The planner's prompt.</summary>
    public Prompt Prompt { get; } = PromptLibrary.Get("mcp-task-planner.md");

    /// <summary>The planner's input sections and the repair request sent when planned calls fail.</summary>
    public static PromptFragments Fragments { get; } = PromptFragments.Get("mcp-task-planner.yaml");

    /// <summary>Plans the tasks and reports what was dropped, the repair rounds and the tokens spent; a plan with <see cref="TaskPlan.Failure"/> when no task survives.</summary>
    /// <exception cref="LlmException">A model call failed after its retries (it carries the tokens spent before).</exception>
    public async ValueTask<TaskPlan> PlanAsync(TaskPlanRequest request, CancellationToken cancellationToken = default)
    {
        var counter = new UsageCountingChatClient(client);
        return await counter.RunAsync(() => PlanAsync(counter, request, cancellationToken).AsTask());
    }

    /// <summary>The reply schema: strict, with the server's tool names as the only allowed values of <c>tool</c>.</summary>
    internal static ReplySchema Schema(IEnumerable<string> tools)
    {
        var names = new JsonArray([.. tools.Select(t => (JsonNode?)JsonValue.Create(t))]);
        var schema = new JsonObject
        {
            ["type"] = "object",
            ["additionalProperties"] = false,
            ["required"] = new JsonArray("tasks"),
            ["properties"] = new JsonObject
            {
                ["tasks"] = new JsonObject
                {
                    ["type"] = "array",
                    ["items"] = new JsonObject
                    {
                        ["type"] = "object",
                        ["additionalProperties"] = false,
                        ["required"] = new JsonArray("goal", "difficulty", "steps"),
                        ["properties"] = new JsonObject
                        {
                            ["goal"] = new JsonObject { ["type"] = "string" },
                            ["difficulty"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("easy", "medium", "hard") },
                            ["steps"] = new JsonObject
                            {
                                ["type"] = "array",
                                ["items"] = new JsonObject
                                {
                                    ["type"] = "object",
                                    ["additionalProperties"] = false,
                                    ["required"] = new JsonArray("request", "tool", "arguments"),
                                    ["properties"] = new JsonObject
                                    {
                                        ["request"] = new JsonObject { ["type"] = "string" },
                                        ["tool"] = new JsonObject { ["type"] = "string", ["enum"] = names },
                                        ["arguments"] = new JsonObject { ["type"] = "string", ["description"] = "the call's arguments as a JSON object, written as text" },
                                    },
                                },
                            },
                        },
                    },
                },
            },
        };
        return new ReplySchema("mcp_task_plan", schema.ToJsonString());
    }

    private async ValueTask<TaskPlan> PlanAsync(UsageCountingChatClient counter, TaskPlanRequest request, CancellationToken cancellationToken)
    {
        var env = request.Environment;
        var server = env.Spec.Mcp ?? throw ParleyException.NoFeasibleTask(env.Spec.Id, "it is not an MCP environment");
        // A volatile read's answers differ from server to server: the model is never offered it.
        var tools = env.Tools.Tools.Where(t => server.Plans(t.Name)).ToDictionary(t => t.Name, StringComparer.Ordinal);
        var schema = Schema(tools.Keys);
        var messages = new List<ChatMessage> { new(ChatRole.System, Prompt.Text), new(ChatRole.User, Input(env.Spec, server, request.TaskCount)) };
        var options = settings.CreateOptions(request.Seed);
        (List<TaskSpec> Tasks, List<string> Problems)? best = null;
        var repairs = 0;
        for (var attempt = 0; ; attempt++)
        {
            StructuredReply<McpPlanReply> reply;
            try
            {
                reply = await StructuredOutput.GetAsync(counter, messages, schema, McpPlanJsonContext.Default.McpPlanReply, options, r => Check(r, tools), settings.MaxRepairs, cancellationToken);
            }
            catch (LlmException e) when (e.Kind is LlmFailureKind.InvalidJson or LlmFailureKind.Empty or LlmFailureKind.Refusal or LlmFailureKind.Truncated or LlmFailureKind.ContentFilter)
            {
                if (best is not null) break; // a repair that went wrong keeps the attempt before it
                return new TaskPlan([], [], repairs) { Usage = counter.Usage, Failure = $"the planner's model gave no usable plan ({e.Kind.Label()}: {e.Message})" };
            }
            var grounded = await GroundAsync(server, tools, reply.Value.Tasks, request, cancellationToken);
            if (best is null || grounded.Tasks.Count >= best.Value.Tasks.Count) best = grounded;
            if (grounded.Problems.Count == 0 || attempt >= settings.MaxRepairs) break;
            repairs++;
            messages.Add(new ChatMessage(ChatRole.Assistant, reply.Response.Text));
            messages.Add(new ChatMessage(ChatRole.User, RepairRequest(grounded.Problems, request.TaskCount)));
        }
        var (kept, dropped) = best!.Value;
        return new TaskPlan(kept, dropped, repairs)
        {
            Usage = counter.Usage,
            Failure = kept.Count > 0 ? null : dropped.Count == 0 ? "the planner returned no task" : "no planned task could be carried out: " + string.Join("; ", dropped),
        };
    }

    /// <summary>Runs the tasks' calls in order on a scratch server; a failed task is dropped (its writes undone by a restart and a replay of the kept ones).</summary>
    private static async Task<(List<TaskSpec> Tasks, List<string> Problems)> GroundAsync(McpServerSpec server, IReadOnlyDictionary<string, ToolSpec> tools,
        IReadOnlyList<McpPlannedTask> planned, TaskPlanRequest request, CancellationToken cancellationToken)
    {
        var kept = new List<TaskSpec>();
        var problems = new List<string>();
        var scratch = new McpToolExecutor(server);
        try
        {
            foreach (var (task, i) in planned.Take(request.TaskCount).Select((t, i) => (t, i)))
            {
                string? problem = null;
                var wrote = false;
                foreach (var (step, s) in task.Steps.Select((s, n) => (s, n)))
                {
                    var result = await scratch.ExecuteAsync(new ToolInvocation("plan", step.Tool, step.Arguments), cancellationToken);
                    wrote |= tools[step.Tool].Access == ToolAccess.Write;
                    if (result.IsSuccess) continue;
                    problem = $"task {i}, step {s} ({step.Tool}): the server answered {Shorten(result.Content)}";
                    break;
                }
                if (problem is not null)
                {
                    problems.Add(problem);
                    if (wrote) scratch = await RestartAsync(scratch, server, kept, cancellationToken);
                    continue;
                }
                kept.Add(ToTask(task, request, kept.Count, await scratch.ProbeAsync(cancellationToken) ?? ""));
            }
        }
        catch (ToolServerLostException e)
        {
            problems.Add(e.Message);
        }
        finally
        {
            await scratch.DisposeAsync();
        }
        return (kept, problems);
    }

    private static async Task<McpToolExecutor> RestartAsync(McpToolExecutor scratch, McpServerSpec server, List<TaskSpec> kept, CancellationToken cancellationToken)
    {
        await scratch.DisposeAsync();
        var fresh = new McpToolExecutor(server);
        foreach (var action in kept.SelectMany(t => t.ExpectedActions))
        {
            await fresh.ExecuteAsync(new ToolInvocation("replay", action.Tool, action.Arguments.GetRawText()), cancellationToken);
        }
        return fresh;
    }

    private static TaskSpec ToTask(McpPlannedTask task, TaskPlanRequest request, int index, string endState) => new()
    {
        Id = $"{request.DialogueId}-t{index}",
        DialogueId = request.DialogueId,
        Index = index,
        EnvironmentId = request.Environment.Spec.Id,
        Scenario = "mcp:llm",
        Goal = task.Goal.Trim(),
        Difficulty = task.Difficulty,
        SubRequests = [.. task.Steps.Select(s => new SubRequest
        {
            Goal = s.Request.Trim(),
            Utterances = [new Utterance(s.Request.Trim(), [])],
            Calls = [new PlannedCall(s.Tool, Arguments(s.Arguments).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal))],
        })],
        ExpectedActions = [.. task.Steps.Select((s, i) => new ExpectedAction(s.Tool, Arguments(s.Arguments), i))],
        ExpectedEndState = endState,
    };

    /// <summary>What a schema cannot say: the arguments are a JSON object with every required argument.</summary>
    private static string? Check(McpPlanReply reply, IReadOnlyDictionary<string, ToolSpec> tools)
    {
        var problems = new List<string>();
        if (reply.Tasks.Count == 0) problems.Add("\"tasks\" is empty; plan at least one task");
        foreach (var (task, i) in reply.Tasks.Select((t, i) => (t, i)))
        {
            if (task.Steps.Count == 0) problems.Add($"task {i} has no steps");
            foreach (var (step, s) in task.Steps.Select((s, n) => (s, n)))
            {
                if (!tools.TryGetValue(step.Tool, out var tool))
                {
                    problems.Add($"task {i}, step {s}: '{step.Tool}' is not a tool of the server");
                    continue;
                }
                JsonElement arguments;
                try
                {
                    arguments = Arguments(step.Arguments);
                }
                catch (JsonException)
                {
                    problems.Add($"task {i}, step {s}: \"arguments\" is not a JSON object");
                    continue;
                }
                var missing = McpToolShapes.Required(tool).Where(r => !arguments.TryGetProperty(r, out _)).ToList();
                if (missing.Count > 0) problems.Add($"task {i}, step {s}: {step.Tool} needs {string.Join(", ", missing)}");
            }
        }
        return problems.Count == 0 ? null : string.Join("; ", problems);
    }

    private static JsonElement Arguments(string text)
    {
        var element = JsonElement.Parse(string.IsNullOrWhiteSpace(text) ? "{}" : text);
        return element.ValueKind == JsonValueKind.Object ? element : throw new JsonException("not an object");
    }

    private static string Input(EnvironmentSpec spec, McpServerSpec server, int count)
    {
        var f = Fragments;
        var text = new StringBuilder();
        text.Append(f.Render("input_server", ("description", spec.Description.Trim())));
        if (spec.Policy.Length > 0) text.Append(f.Render("input_policy", ("policy", spec.Policy.Trim())));
        text.Append(f["input_tools"]);
        foreach (var tool in spec.Tools.Where(t => server.Plans(t.Name)))
        {
            text.Append(f.Render("input_tool", ("name", tool.Name), ("access", f[tool.Access == ToolAccess.Write ? "access_write" : "access_read"]),
                ("description", tool.Description.Trim()), ("arguments", JsonSerializer.Serialize(tool.Parameters, PrimitiveJsonContext.Relaxed.JsonElement))));
        }
        text.Append(f["input_samples"]);
        if (server.Samples.Count == 0) text.Append(f["input_no_samples"]);
        foreach (var sample in server.Samples)
        {
            text.Append(f.Render("input_sample", ("tool", sample.Tool), ("arguments", JsonSerializer.Serialize(sample.Arguments, PrimitiveJsonContext.Relaxed.JsonElement)),
                ("result", Shorten(JsonSerializer.Serialize(sample.Result, PrimitiveJsonContext.Relaxed.JsonElement)))));
        }
        text.Append(count == 1 ? f["input_request_one"] : f.Render("input_request", ("count", count.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        return text.ToString();
    }

    private static string RepairRequest(IReadOnlyList<string> problems, int count) => Fragments.Render("repair",
        ("problems", string.Concat(problems.Select(p => "- " + p + "\n"))), ("count", count.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private static string Shorten(string text) => text.Length <= MaxSampleChars ? text : text[..MaxSampleChars] + "…";
}
