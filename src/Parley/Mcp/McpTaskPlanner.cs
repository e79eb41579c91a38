using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Determinism;
using Parley.Environments;
using Parley.Serialization;
using Parley.Tasks;
using Parley.Tools;

namespace Parley.Mcp;

/// <summary>
/// The rule-based planner for an MCP server's tools, from their shapes and the outputs sampled when the environment was
/// designed: create a record and find it again (a create tool, then a search or read that takes a value just written),
/// look up a sampled or earlier-created record, or list what an argument-free read shows. Every planned call runs on a
/// scratch server of the dialogue's own first, and the state probe's answer after each task becomes its expected end state.
/// </summary>
internal sealed class McpTaskPlanner : ITaskPlanner
{
    private const int AttemptsPerTask = 8;

    /// <inheritdoc />
    public async ValueTask<TaskPlan> PlanAsync(TaskPlanRequest request, CancellationToken cancellationToken = default)
    {
        var env = request.Environment;
        var server = env.Spec.Mcp ?? throw ParleyException.NoFeasibleTask(env.Spec.Id, "it is not an MCP environment");
        var rng = new SeededRandom(request.Seed);
        var records = server.Samples.SelectMany(s => Records(s.Result)).Select(r => new Known(r, null)).ToList();
        var tasks = new List<TaskSpec>();
        var accepted = new List<ExpectedAction>();
        var scratch = new McpToolExecutor(server);
        // Volatile reads (their answers differ from server to server), binary reads and deprecated tools are never planned.
        var tools = env.Tools.Tools.Where(t => server.Plans(t.Name) && !McpToolShapes.IsDeprecated(t)).ToList();
        try
        {
            // A server that works on paths is planned from what its probe lists, refreshed after every task.
            var state = server.ProbeRead is null ? null : await scratch.SnapshotAsync(cancellationToken);
            for (var k = 0; k < request.TaskCount; k++)
            {
                TaskSpec? task = null;
                for (var attempt = 0; attempt < AttemptsPerTask && task is null; attempt++)
                {
                    var draft = state is { HasPaths: true } ? PathDraft(tools, state, rng) : Draft(tools, records, rng);
                    if (draft is null) break;
                    // The same call twice in one dialogue teaches nothing new: draw again.
                    if (draft.Steps.Any(s => accepted.Any(a => a.Tool == s.Tool.Name && a.Arguments.GetRawText() == s.Arguments.ToJsonString()))) continue;
                    var (succeeded, wrote) = await RunAsync(scratch, draft, cancellationToken);
                    if (!succeeded)
                    {
                        if (wrote) scratch = await RestartAsync(scratch, server, accepted, cancellationToken);
                        continue;
                    }
                    var seen = await scratch.SnapshotAsync(cancellationToken);
                    if (seen is { HasPaths: true }) state = seen;
                    task = draft.ToTask(request, env.Spec.Id, k, seen?.Hash ?? "");
                    accepted.AddRange(task.ExpectedActions);
                    records.AddRange(draft.Created.Select(c => new Known(c, task.Id)));
                }
                if (task is null) break;
                tasks.Add(task);
            }
        }
        catch (ToolServerLostException e)
        {
            throw ParleyException.NoFeasibleTask(env.Spec.Id, e.Message);
        }
        finally
        {
            await scratch.DisposeAsync();
        }
        if (tasks.Count == 0) throw ParleyException.NoFeasibleTask(env.Spec.Id, "no tool call of a create, search, lookup or list shape succeeded");
        return TaskPlan.Of(tasks);
    }

    private static async Task<(bool Succeeded, bool Wrote)> RunAsync(McpToolExecutor scratch, TaskDraft draft, CancellationToken cancellationToken)
    {
        var wrote = false;
        foreach (var step in draft.Steps)
        {
            var result = await scratch.ExecuteAsync(new ToolInvocation("plan", step.Tool.Name, step.Arguments.ToJsonString()), cancellationToken);
            wrote |= step.Tool.Access == ToolAccess.Write;
            if (!result.IsSuccess) return (false, wrote);
            // A find after a create must really find what was created.
            if (step.MustContain is { } expected && !result.Content.Contains(JsonEncoded(expected), StringComparison.Ordinal)
                && !McpTree.Text(result.Content).Contains(expected, StringComparison.Ordinal)) return (false, wrote);
        }
        return (true, wrote);
    }

    /// <summary>A failed draft wrote something: start a clean scratch server and replay what the accepted tasks did.</summary>
    private static async Task<McpToolExecutor> RestartAsync(McpToolExecutor scratch, McpServerSpec server, List<ExpectedAction> accepted, CancellationToken cancellationToken)
    {
        await scratch.DisposeAsync();
        var fresh = new McpToolExecutor(server);
        foreach (var action in accepted)
        {
            await fresh.ExecuteAsync(new ToolInvocation("replay", action.Tool, action.Arguments.GetRawText()), cancellationToken);
        }
        return fresh;
    }

    private static TaskDraft? Draft(IReadOnlyList<ToolSpec> tools, List<Known> records, SeededRandom rng)
    {
        var creates = tools.Where(McpToolShapes.IsCreate).ToList();
        var lookups = tools.Where(t => t.Access == ToolAccess.Read && McpToolShapes.Required(t).Count > 0).ToList();
        var lists = tools.Where(t => t.Access == ToolAccess.Read && McpToolShapes.Required(t).Count == 0).ToList();
        var fillable = lookups.SelectMany(t => records.Select(r => (Tool: t, Record: r, Args: Fill(t, r.Fields)))).Where(x => x.Args is not null).ToList();
        var weights = new[] { creates.Count > 0 ? 0.5 : 0, fillable.Count > 0 ? 0.35 : 0, lists.Count > 0 ? 0.15 : 0 };
        if (weights.Sum() == 0) return null;
        switch (rng.PickWeighted(weights))
        {
            case 0:
                var create = rng.Pick(creates);
                var arguments = (JsonObject)ArgumentSynthesizer.Value(create.Parameters, create.Name, rng)!;
                var created = FirstRecord(arguments);
                var finds = created is null ? [] : lookups.Select(t => (Tool: t, Args: Fill(t, created))).Where(x => x.Args is not null).ToList();
                var steps = new List<TaskStep> { new(create, arguments, null) };
                if (finds.Count > 0)
                {
                    var find = rng.Pick(finds);
                    steps.Add(new TaskStep(find.Tool, find.Args!, created!.Values.Select(v => v.GetString()).OfType<string>().FirstOrDefault()));
                }
                return new TaskDraft("create", steps, created is null ? [] : [created], null);
            case 1:
                var (tool, record, args) = rng.Pick(fillable);
                return new TaskDraft("lookup", [new TaskStep(tool, args!, null)], [], record.Task);
            default:
                return new TaskDraft("list", [new TaskStep(rng.Pick(lists), [], null)], [], null);
        }
    }

    /// <summary>
    /// A task on a server that works on paths: a write (write, edit, move, create a folder) followed by a read that shows
    /// it took effect, or a read of an existing file or folder, or an argument-free read.
    /// </summary>
    private static TaskDraft? PathDraft(IReadOnlyList<ToolSpec> tools, McpSnapshot state, SeededRandom rng)
    {
        var pathTools = tools.Where(t => McpToolShapes.Required(t).Any(r => McpToolShapes.IsPath(r) || McpToolShapes.IsPath(r.TrimEnd('s')))).ToList();
        var writes = pathTools.Where(t => t.Access == ToolAccess.Write).ToList();
        var reads = pathTools.Where(t => t.Access == ToolAccess.Read).ToList();
        var lists = tools.Where(t => t.Access == ToolAccess.Read && McpToolShapes.Required(t).Count == 0).ToList();
        var weights = new[] { writes.Count > 0 ? 0.55 : 0, reads.Count > 0 ? 0.4 : 0, lists.Count > 0 ? 0.05 : 0 };
        if (weights.Sum() == 0) return null;
        switch (rng.PickWeighted(weights))
        {
            case 0:
                var write = rng.Pick(writes);
                if (PathArguments.For(write, state, rng) is not { } call) return null;
                var steps = new List<TaskStep> { new(write, call.Arguments, null) };
                // The read that shows the write: a one-path folder listing for a new folder, a one-path file read otherwise.
                var checks = reads.Where(t => McpToolShapes.TakesOnePath(t) && McpToolShapes.WorksOnFolders(t) == call.CheckFolder).ToList();
                if (call.CheckPath is { } path && checks.Count > 0)
                {
                    var check = rng.Pick(checks);
                    steps.Add(new TaskStep(check, new JsonObject { [McpToolShapes.Required(check)[0]] = path }, call.Expect));
                }
                return new TaskDraft("change", steps, [], null);
            case 1:
                var read = rng.Pick(reads);
                return PathArguments.For(read, state, rng) is { } lookup ? new TaskDraft("lookup", [new TaskStep(read, lookup.Arguments, null)], [], null) : null;
            default:
                return new TaskDraft("list", [new TaskStep(rng.Pick(lists), [], null)], [], null);
        }
    }

    /// <summary>Arguments for a read tool from a record's fields (same name, the plural for a list, any text for a search); null when a required one cannot be filled.</summary>
    internal static JsonObject? Fill(ToolSpec tool, IReadOnlyDictionary<string, JsonElement> record)
    {
        var arguments = new JsonObject();
        foreach (var name in McpToolShapes.Required(tool))
        {
            var type = McpToolShapes.TypeOf(McpToolShapes.Property(tool, name));
            if (record.TryGetValue(name, out var value) && Matches(value, type)) arguments[name] = JsonNode.Parse(value.GetRawText());
            else if (type == "array" && name.Length > 1 && name.EndsWith('s') && record.TryGetValue(name[..^1], out var one) && one.ValueKind == JsonValueKind.String) arguments[name] = new JsonArray(one.GetString());
            else if (type == "string" && McpToolShapes.IsQuery(name) && Text(record) is { } text) arguments[name] = text;
            else return null;
        }
        return arguments;
    }

    private static bool Matches(JsonElement value, string type) => (type, value.ValueKind) switch
    {
        ("string", JsonValueKind.String) => true,
        ("integer" or "number", JsonValueKind.Number) => true,
        ("boolean", JsonValueKind.True or JsonValueKind.False) => true,
        _ => false,
    };

    private static string? Text(IReadOnlyDictionary<string, JsonElement> record)
    {
        foreach (var key in new[] { "name", "title" })
        {
            if (record.TryGetValue(key, out var v) && v.ValueKind == JsonValueKind.String && v.GetString()!.Length > 0) return v.GetString();
        }
        return record.Values.Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).FirstOrDefault(s => s.Length is > 0 and < 80);
    }

    /// <summary>The records of a result: the objects of an array, an object with plain fields, and the objects of an object's arrays.</summary>
    internal static IEnumerable<Dictionary<string, JsonElement>> Records(JsonElement result)
    {
        if (result.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in result.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object)) yield return Scalars(item);
            yield break;
        }
        if (result.ValueKind != JsonValueKind.Object) yield break;
        var own = Scalars(result);
        if (own.Count > 0) yield return own;
        foreach (var property in result.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Array))
        {
            foreach (var item in property.Value.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object)) yield return Scalars(item);
        }
    }

    private static Dictionary<string, JsonElement> Scalars(JsonElement row) =>
        row.EnumerateObject().Where(p => p.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
            .GroupBy(p => p.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value.Clone(), StringComparer.Ordinal);

    /// <summary>The plain fields of the first object (breadth first) in arguments that has any.</summary>
    private static Dictionary<string, JsonElement>? FirstRecord(JsonNode arguments)
    {
        var queue = new Queue<JsonNode?>([arguments]);
        while (queue.Count > 0)
        {
            switch (queue.Dequeue())
            {
                case JsonObject o:
                    var fields = Scalars(JsonElement.Parse(o.ToJsonString()));
                    if (fields.Values.Any(v => v.ValueKind == JsonValueKind.String)) return fields;
                    foreach (var (_, child) in o) queue.Enqueue(child);
                    break;
                case JsonArray a:
                    foreach (var child in a) queue.Enqueue(child);
                    break;
            }
        }
        return null;
    }

    private static string JsonEncoded(string text) => JsonSerializer.Serialize(text, PrimitiveJsonContext.Default.String)[1..^1];

    private sealed record Known(IReadOnlyDictionary<string, JsonElement> Fields, string? Task);
}
