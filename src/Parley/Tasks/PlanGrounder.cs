using System.Text.Json;
using Parley.Environments;
using Parley.Serialization;
using Parley.Text;
using Parley.Tools;

namespace Parley.Tasks;

/// <summary>
/// Turns an LLM planner's drafts into tasks by running every call in order on a scratch copy: a task is kept only when
/// all its calls succeed and every write changes the state; its expected end state is hashed right after it, as the
/// rule-based planner does. Arguments the rule-based agent can derive (a fact the user states, a column of an earlier
/// result) are planned as <c>{fact}</c> or <c>$column</c> when they resolve to exactly the planned value; others stay literal.
/// </summary>
/// <remarks>Not thread-safe: one grounder serves one planning attempt of one dialogue.</remarks>
internal sealed class PlanGrounder(EnvironmentDatabase env, TaskPlanRequest request, RowSample sample) : IDisposable
{
    private static readonly IReadOnlyDictionary<string, string> NoFacts = new Dictionary<string, string>();
    private readonly List<ExpectedAction> _accepted = [];
    private readonly List<JsonElement> _results = [];
    private SandboxLease _lease = env.Rent();

    /// <summary>The tasks kept, in order.</summary>
    public List<TaskSpec> Tasks { get; } = [];

    /// <summary>One line per draft that failed, naming it and the concrete error.</summary>
    public List<string> Problems { get; } = [];

    /// <summary>Grounds the drafts in order; later drafts see the state the kept ones left.</summary>
    public async ValueTask GroundAsync(IReadOnlyList<TaskDraft> drafts, CancellationToken cancellationToken)
    {
        var keptByDraft = new Dictionary<int, string>();
        for (var d = 0; d < drafts.Count && Tasks.Count < request.TaskCount; d++)
        {
            var draft = drafts[d];
            var resultsBefore = _results.Count;
            var actions = new List<ExpectedAction>();
            var (task, problem) = await TryGroundAsync(draft, actions, keptByDraft, cancellationToken);
            if (task is null)
            {
                Problems.Add($"task {d} (\"{Shorten(draft.Goal)}\"): {problem}{Returned(actions, _results.Skip(resultsBefore).ToList())}");
                _results.RemoveRange(resultsBefore, _results.Count - resultsBefore);
                if (actions.Any(a => env.Tools.TryGet(a.Tool, out var t) && t.Access == ToolAccess.Write)) await RebuildAsync(cancellationToken);
                continue;
            }
            keptByDraft[d] = task.Id;
            _accepted.AddRange(actions);
            Tasks.Add(task);
        }
    }

    private async ValueTask<(TaskSpec? Task, string? Problem)> TryGroundAsync(TaskDraft draft, List<ExpectedAction> actions,
        Dictionary<int, string> keptByDraft, CancellationToken cancellationToken)
    {
        var knows = env.Spec.Principal?.Knows ?? [];
        var userFacts = sample.Principal.Where(p => knows.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        // The principal's own details win over the model's, so every task of the dialogue is played by one person.
        foreach (var (name, value) in draft.UserFacts ?? []) userFacts.TryAdd(name, SqlValue.Text(value));
        var hidden = (draft.HiddenFacts ?? []).Where(f => !userFacts.ContainsKey(f.Key)).ToDictionary(f => f.Key, f => SqlValue.Text(f.Value), StringComparer.Ordinal);
        var facts = new Dictionary<string, string>(sample.Principal, StringComparer.Ordinal);
        foreach (var (k, v) in hidden.Concat(userFacts)) facts[k] = v;

        if (string.IsNullOrWhiteSpace(draft.Goal)) return (null, "the goal is empty");
        if (Fill(draft.Goal, facts) is not { } goal) return (null, $"the goal names {{{Unknown(draft.Goal, facts)}}}, which is in neither user_facts nor hidden_facts");
        if (draft.SubRequests.Count == 0) return (null, "the task has no sub-requests");

        var subRequests = new List<SubRequest>();
        for (var r = 0; r < draft.SubRequests.Count; r++)
        {
            var sub = draft.SubRequests[r];
            var where = $"sub-request {r + 1}";
            if (string.IsNullOrWhiteSpace(sub.Goal)) return (null, $"{where} has no goal");
            var utterances = new List<Utterance>();
            foreach (var text in sub.Utterances.Where(u => !string.IsNullOrWhiteSpace(u)).Take(TaskPlanSchema.MaxUtterances))
            {
                if (Fill(text, facts) is not { } utterance) return (null, $"{where}: the phrasing \"{text}\" names {{{Unknown(text, facts)}}}, which is in neither user_facts nor hidden_facts");
                utterances.Add(WithStatedValues(utterance, userFacts, hidden));
            }
            if (utterances.Count == 0) return (null, $"{where} has no phrasing");
            var calls = new List<PlannedCall>();
            for (var c = 0; c < sub.Calls.Count; c++)
            {
                var (call, problem) = await RunAsync(sub.Calls[c], r, $"{where}, call {c + 1}", utterances, userFacts, facts, actions, cancellationToken);
                if (call is null) return (null, problem);
                calls.Add(call);
            }
            subRequests.Add(new SubRequest
            {
                Goal = Fill(sub.Goal, facts)?.Text ?? sub.Goal,
                Utterances = utterances,
                Calls = calls,
                FollowUps = [.. (sub.FollowUps ?? []).Where(f => !string.IsNullOrWhiteSpace(f)).Select(f => Fill(f, facts)?.Text).OfType<string>()],
            });
        }
        if (actions.Count == 0) return (null, "the task makes no tool call, so nothing can check it was done");

        var index = Tasks.Count;
        return (new TaskSpec
        {
            Id = $"{request.DialogueId}-t{index}",
            DialogueId = request.DialogueId,
            Index = index,
            EnvironmentId = env.Spec.Id,
            Goal = goal.Text,
            Difficulty = draft.Difficulty?.Trim().ToLowerInvariant() is "easy" or "medium" or "hard" ? draft.Difficulty.Trim().ToLowerInvariant() : "medium",
            SubRequests = subRequests,
            UserFacts = userFacts,
            HiddenFacts = hidden,
            MindChanges = MindChanges(draft, userFacts, subRequests),
            ExpectedActions = actions,
            ExpectedEndState = env.Hasher.Hash(_lease.Database),
            BuildsOn = draft.BuildsOn is { } b && keptByDraft.TryGetValue(b, out var earlier) ? earlier : null,
        }, null);
    }

    /// <summary>Runs one drafted call on the scratch copy and plans how the agent will make it.</summary>
    private async ValueTask<(PlannedCall? Call, string? Problem)> RunAsync(CallDraft draft, int subRequest, string where, List<Utterance> utterances,
        Dictionary<string, string> userFacts, Dictionary<string, string> facts, List<ExpectedAction> actions, CancellationToken cancellationToken)
    {
        if (!env.Tools.TryGet(draft.Tool, out var tool))
        {
            return (null, $"{where}: there is no tool '{draft.Tool}'; the tools are {string.Join(", ", env.Tools.Tools.Select(t => t.Name))}");
        }
        if (draft.Arguments.ValueKind is not (JsonValueKind.Object or JsonValueKind.Undefined or JsonValueKind.Null))
        {
            return (null, $"{where} ({tool.Name}): the arguments must be a JSON object");
        }
        var arguments = draft.Arguments.ValueKind == JsonValueKind.Object
            ? draft.Arguments.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal)
            : new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (arguments.FirstOrDefault(a => a.Value.ValueKind == JsonValueKind.String && ArgumentResolver.Resolve(a.Value, NoFacts, NoFacts, []).Kind != ResolutionKind.Literal) is { Key: { } name })
        {
            return (null, $"{where} ({tool.Name}): argument '{name}' is {arguments[name].GetRawText()}; arguments must be concrete values, not placeholders");
        }
        var json = JsonSerializer.Serialize(arguments, PrimitiveJsonContext.Relaxed.DictionaryStringJsonElement);
        var planned = new PlannedCall(tool.Name, arguments.ToDictionary(a => a.Key, a => Express(tool, a.Key, a.Value, utterances, userFacts, facts), StringComparer.Ordinal));
        var before = tool.Access == ToolAccess.Write ? env.Hasher.Hash(_lease.Database) : null;
        var result = await _lease.Executor.ExecuteAsync(new ToolInvocation("plan", tool.Name, json), cancellationToken);
        actions.Add(new ExpectedAction(tool.Name, JsonElement.Parse(json), subRequest));
        if (!result.IsSuccess) return (null, $"{where} {tool.Name}({json}) failed: {result.Content}");
        if (before is not null && env.Hasher.Hash(_lease.Database) == before)
        {
            return (null, $"{where} {tool.Name}({json}) succeeded but changed nothing in the database; a write must change what the task says it changes");
        }
        _results.Add(JsonElement.Parse(result.Content));
        return (planned, null);
    }

    /// <summary>
    /// The expression the agent resolves to exactly <paramref name="value"/> under every phrasing: a fact the user
    /// states, then a column of an earlier result, else the literal.
    /// </summary>
    private JsonElement Express(ToolSpec tool, string name, JsonElement value, List<Utterance> utterances, Dictionary<string, string> userFacts, Dictionary<string, string> facts)
    {
        if (value.ValueKind is JsonValueKind.Object or JsonValueKind.Array) return value;
        var text = SqlValue.Text(value);
        var schema = tool.Parameters.TryGetProperty("properties", out var props) && props.TryGetProperty(name, out var p) ? p : default;
        var candidates = userFacts.Where(f => f.Value == text).Select(f => f.Key).OrderBy(f => f == name ? 0 : 1).ThenBy(f => f, StringComparer.Ordinal).Select(f => "{" + f + "}")
            .Append("$" + name)
            .Concat(facts.Where(f => f.Value == text && !userFacts.ContainsKey(f.Key)).Select(f => "{" + f.Key + "}"))
            .Concat(_results.AsEnumerable().Reverse().SelectMany(ArgumentResolver.Rows).SelectMany(r => r.EnumerateObject())
                .Where(c => c.Value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array) && SqlValue.Text(c.Value) == text).Select(c => "$" + c.Name))
            .Distinct(StringComparer.Ordinal);
        foreach (var candidate in candidates)
        {
            var expression = JsonSerializer.SerializeToElement(candidate, PrimitiveJsonContext.Default.String);
            if (utterances.All(u => Agrees(expression, value, schema, u, userFacts, facts))) return expression;
        }
        return value;
    }

    private bool Agrees(JsonElement expression, JsonElement value, JsonElement schema, Utterance utterance, Dictionary<string, string> userFacts, Dictionary<string, string> facts)
    {
        var filter = utterance.Mentions.Where(facts.ContainsKey).ToDictionary(m => m, m => facts[m], StringComparer.Ordinal);
        var resolution = ArgumentResolver.Resolve(expression, userFacts, filter, _results);
        var resolved = resolution.Kind switch
        {
            ResolutionKind.Stated => ArgumentResolver.Coerce(resolution.Value.GetString()!, schema),
            ResolutionKind.FromResult => resolution.Value,
            _ => (JsonElement?)null,
        };
        if (resolved is not { } v || !JsonElement.DeepEquals(v, value)) return false;
        if (resolution.Kind == ResolutionKind.Stated && !utterance.Mentions.Contains(resolution.Name!))
        {
            // Not said in this phrasing: the agent looks in earlier results first and asks only when nothing there names it.
            var found = ArgumentResolver.Resolve(expression, NoFacts, filter, _results);
            if (found.Kind == ResolutionKind.Ambiguous) return false;
            if (found.Kind == ResolutionKind.FromResult && !JsonElement.DeepEquals(ArgumentResolver.Coerce(SqlValue.Text(found.Value), schema), value)) return false;
        }
        return true;
    }

    /// <summary>Mind changes the agenda user can act out: a user fact no read call uses, with a different first value.</summary>
    private Dictionary<string, string> MindChanges(TaskDraft draft, Dictionary<string, string> userFacts, List<SubRequest> subRequests)
    {
        var changes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (fact, first) in draft.MindChanges ?? [])
        {
            var value = SqlValue.Text(first);
            var expression = "{" + fact + "}";
            var usedByRead = subRequests.SelectMany(s => s.Calls).Any(c => env.Tools.TryGet(c.Tool, out var t) && t.Access == ToolAccess.Read
                && c.Args.Values.Any(a => a.ValueKind == JsonValueKind.String && a.GetString() == expression));
            if (userFacts.TryGetValue(fact, out var truth) && truth != value && value.Length > 0 && !usedByRead) changes[fact] = value;
        }
        return changes;
    }

    /// <summary>Adds the facts whose values a phrasing states literally (long enough not to match by chance) to its mentions.</summary>
    private static Utterance WithStatedValues(Utterance utterance, Dictionary<string, string> userFacts, Dictionary<string, string> hidden)
    {
        var mentions = utterance.Mentions.ToList();
        foreach (var (fact, value) in userFacts.Concat(hidden))
        {
            if (value.Length >= 4 && !mentions.Contains(fact) && utterance.Text.Contains(value, StringComparison.OrdinalIgnoreCase)) mentions.Add(fact);
        }
        return mentions.Count == utterance.Mentions.Count ? utterance : utterance with { Mentions = mentions };
    }

    private static Utterance? Fill(string template, IReadOnlyDictionary<string, string> facts) => ScenarioTaskPlanner.Fill(template.Trim(), facts);

    private static string? Unknown(string template, IReadOnlyDictionary<string, string> facts)
    {
        string? missing = null;
        Placeholders.Fill(template, n =>
        {
            if (!facts.ContainsKey(n)) missing ??= n;
            return "";
        });
        return missing;
    }

    /// <summary>What the task's successful calls returned, so a repair can use real values instead of guessing again.</summary>
    private static string Returned(List<ExpectedAction> actions, List<JsonElement> results)
    {
        if (results.Count == 0) return "";
        var shown = results.Select((r, i) => $"{actions[i].Tool} returned {Shorten(r.GetRawText(), 600)}");
        return "\n  Its earlier calls worked: " + string.Join("; ", shown);
    }

    private static string Shorten(string text, int length = 80) => text.Length <= length ? text : text[..(length - 3)] + "...";

    /// <summary>Restores the scratch copy to the state after the kept tasks' actions.</summary>
    private async ValueTask RebuildAsync(CancellationToken cancellationToken)
    {
        _lease.Dispose();
        _lease = env.Rent();
        foreach (var action in _accepted)
        {
            await _lease.Executor.ExecuteAsync(new ToolInvocation("replay", action.Tool, action.Arguments.GetRawText()), cancellationToken);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _lease.Dispose();
}
