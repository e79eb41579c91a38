using System.Text.Json;
using Parley.Determinism;
using Parley.Dialogues;
using Parley.Environments;
using Parley.Serialization;
using Parley.Text;
using Parley.Tools;

namespace Parley.Tasks;

/// <summary>
/// The rule-based planner: grounds an environment's scenarios in sampled rows for one principal (the user), resolves
/// every planned call exactly as the agent will, runs the calls on a scratch copy, and records the expected end state
/// after each task. Later tasks see the scratch state earlier tasks left, and may build on their facts.
/// </summary>
internal sealed class ScenarioTaskPlanner : ITaskPlanner
{
    private const int AttemptsPerTask = 16;
    private static readonly IReadOnlyDictionary<string, string> EmptyFacts = new Dictionary<string, string>();

    // What each scenario compiles to (sample parameters, planned calls), memoised per declaration.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<ScenarioSpec, Compiled> _compiled = [];

    // Candidate rows of sample and principal queries on the untouched template, shared by every dialogue (read-only once stored).
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<EnvironmentDatabase, System.Collections.Concurrent.ConcurrentDictionary<(string, string), List<Dictionary<string, string>>>> _candidates = [];
    private const int MaxCachedQueries = 20_000;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string[]> _parameters = new(StringComparer.Ordinal);

    private sealed record Compiled(IReadOnlyList<string> Parameters, IReadOnlyList<IReadOnlyList<PlannedCall>> Calls);

    private Compiled Compile(ScenarioSpec scenario) => _compiled.GetValue(scenario, s => new Compiled(
        [.. SqlText.Parameters(s.Sample)],
        [.. s.Requests.Select(r => (IReadOnlyList<PlannedCall>)[.. r.Calls.Select(c => new PlannedCall(c.Tool,
            c.Args.ToDictionary(a => a.Key, a => JsonSerializer.SerializeToElement(a.Value, PrimitiveJsonContext.Default.Object))))])]));

    /// <inheritdoc />
    public async ValueTask<TaskPlan> PlanAsync(TaskPlanRequest request, CancellationToken cancellationToken = default)
    {
        var env = request.Environment;
        if (env.Spec.Scenarios.Count == 0) throw ParleyException.NoFeasibleTask(env.Spec.Id, "it declares no scenarios");
        var rng = new SeededRandom(request.Seed);
        var scratch = env.Rent();
        PlanState? state = null;
        try
        {
            state = new PlanState(env, scratch, PickPrincipal(env, scratch.Database, rng));
            var tasks = new List<TaskSpec>(request.TaskCount);
            for (var k = 0; k < request.TaskCount; k++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var task = await PlanOneAsync(request, state, tasks, rng, cancellationToken);
                if (task is null) break;
                tasks.Add(task);
            }
            if (tasks.Count == 0)
            {
                throw ParleyException.NoFeasibleTask(env.Spec.Id, "no scenario could be grounded for the drawn user" + (state.Refusal is { } why ? $"; {why}" : ""));
            }
            return TaskPlan.Of(tasks);
        }
        finally
        {
            (state?.Lease ?? scratch).Dispose();
        }
    }

    private Dictionary<string, string> PickPrincipal(EnvironmentDatabase env, SqliteSandbox scratch, SeededRandom rng)
    {
        if (env.Spec.Principal is null) return new Dictionary<string, string>(StringComparer.Ordinal);
        return PickRow(env, scratch, env.Spec.Principal.Sql, new Dictionary<string, string>(), rng)
            ?? throw ParleyException.NoFeasibleTask(env.Spec.Id, "the principal query returned no rows");
    }

    private async ValueTask<TaskSpec?> PlanOneAsync(TaskPlanRequest request, PlanState state, List<TaskSpec> earlier, SeededRandom rng, CancellationToken cancellationToken)
    {
        var scenarios = state.Env.Spec.Scenarios;
        for (var attempt = 0; attempt < AttemptsPerTask; attempt++)
        {
            if (ChooseScenario(scenarios, state, earlier, rng, attempt) is not { } scenario) return null;
            var compiled = Compile(scenario);
            if (PickRow(state.Env, state.Scratch, scenario.Sample, state.Facts, rng) is not { } row) continue;
            var task = await TryGroundAsync(request, state, earlier, scenario, compiled, row, rng, cancellationToken);
            if (task is not null) return task;
        }
        return null;
    }

    private ScenarioSpec? ChooseScenario(IReadOnlyList<ScenarioSpec> scenarios, PlanState state, List<TaskSpec> earlier, SeededRandom rng, int attempt)
    {
        // Only scenarios whose sample parameters are known yet; fresh ones first, repeats only as a last resort; half
        // the time, one that builds on the previous task's facts.
        var used = earlier.Select(t => t.Scenario).ToHashSet();
        var feasible = scenarios.Where(s => Compile(s).Parameters.All(p => p == "today" || state.Facts.ContainsKey(p))).ToList();
        var fresh = feasible.Where(s => !used.Contains(s.Id)).ToList();
        var pool = fresh.Count > 0 && attempt < AttemptsPerTask * 3 / 4 ? fresh : feasible;
        if (pool.Count == 0) return null;
        if (earlier.Count > 0 && rng.Chance(0.5))
        {
            var chained = pool.Where(s => Compile(s).Parameters.Any(state.LastTaskFacts.Contains)).ToList();
            if (chained.Count > 0) return rng.Pick(chained);
        }
        return rng.Pick(pool);
    }

    private static async ValueTask<TaskSpec?> TryGroundAsync(TaskPlanRequest request, PlanState state, List<TaskSpec> earlier, ScenarioSpec scenario,
        Compiled compiled, Dictionary<string, string> row, SeededRandom rng, CancellationToken cancellationToken)
    {
        var env = state.Env;
        var facts = new Dictionary<string, string>(state.Principal, StringComparer.Ordinal);
        foreach (var (k, v) in row) facts[k] = v;
        foreach (var (k, values) in scenario.Choices) facts[k] = rng.Pick(values);
        var known = new HashSet<string>(env.Spec.Principal?.Knows ?? [], StringComparer.Ordinal);
        known.UnionWith(scenario.Knows);
        known.UnionWith(scenario.Choices.Keys);
        known.IntersectWith(facts.Keys);
        var userFacts = facts.Where(f => known.Contains(f.Key)).ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);

        var actions = new List<ExpectedAction>();
        var subRequests = new List<SubRequest>();
        var results = new List<JsonElement>(state.Results);
        var resultsBefore = state.Results.Count;
        for (var r = 0; r < scenario.Requests.Count; r++)
        {
            var spec = scenario.Requests[r];
            var utterances = spec.Say.Select(s => Fill(s, facts)).Where(u => u is not null).Select(u => u!).ToList();
            var calls = compiled.Calls[r];
            foreach (var call in calls)
            {
                if (!env.Tools.TryGet(call.Tool, out var tool)) return await AbandonAsync(state, actions, cancellationToken);
                var arguments = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
                foreach (var (name, expression) in call.Args)
                {
                    // Keep only phrasings under which the agent resolves this argument to the grounded value.
                    string? agreed = null;
                    utterances = [.. utterances.Where(u =>
                    {
                        var filter = u.Mentions.Where(facts.ContainsKey).ToDictionary(m => m, m => facts[m], StringComparer.Ordinal);
                        var resolution = ArgumentResolver.Resolve(expression, userFacts, filter, results);
                        var value = resolution.Kind switch
                        {
                            ResolutionKind.Stated or ResolutionKind.Literal or ResolutionKind.FromResult => SqlValue.Text(resolution.Value),
                            _ => null,
                        };
                        if (value is null) return false;
                        var isFact = expression.ValueKind == JsonValueKind.String && expression.GetString()!.StartsWith('{');
                        if (isFact && resolution.Kind == ResolutionKind.FromResult && facts.TryGetValue(resolution.Name!, out var truth) && !string.Equals(truth, value, StringComparison.OrdinalIgnoreCase)) return false;
                        if (isFact && resolution.Kind == ResolutionKind.Stated && !u.Mentions.Contains(resolution.Name!))
                        {
                            // A user fact not said yet: the agent first looks for it in earlier results, and asks only if
                            // nothing there names it. Whatever it finds must be the fact's value.
                            var found = ArgumentResolver.Resolve(expression, EmptyFacts, filter, results);
                            if (found.Kind == ResolutionKind.FromResult && !string.Equals(SqlValue.Text(found.Value), value, StringComparison.OrdinalIgnoreCase)) return false;
                            if (found.Kind == ResolutionKind.Ambiguous) return false;
                        }
                        agreed ??= value;
                        return agreed == value;
                    })];
                    if (utterances.Count == 0 || agreed is null) return await AbandonAsync(state, actions, cancellationToken);
                    var property = tool.Parameters.TryGetProperty("properties", out var props) && props.TryGetProperty(name, out var p) ? p : default;
                    arguments[name] = ArgumentResolver.Coerce(agreed, property);
                }
                var json = JsonSerializer.Serialize(arguments, PrimitiveJsonContext.Relaxed.IReadOnlyDictionaryStringJsonElement);
                var result = await state.Executor.ExecuteAsync(new ToolInvocation("plan", call.Tool, json), cancellationToken);
                if (!result.IsSuccess)
                {
                    state.Note(call.Tool, result);
                    return await AbandonAsync(state, actions, cancellationToken);
                }
                actions.Add(new ExpectedAction(call.Tool, JsonElement.Parse(json), r));
                results.Add(JsonElement.Parse(result.Content));
            }
            Decline? decline = null;
            if (spec.Decline is { } refused)
            {
                // The change must really be refused here (a failed precondition on the scratch copy), or the scenario does not fit this row.
                if (await RefusedAsync(state, refused.Call, facts, results, cancellationToken) is not true)
                {
                    await state.RebuildAsync(cancellationToken);
                    return null;
                }
                if (Fill(refused.What, facts) is not { } what || Fill(refused.Because, facts) is not { } because || Fill(refused.Offer, facts) is not { } offer) return await AbandonAsync(state, actions, cancellationToken);
                decline = new Decline(what.Text, because.Text, offer.Text);
            }
            subRequests.Add(new SubRequest
            {
                Goal = Fill(spec.Goal, facts)?.Text ?? spec.Goal,
                Utterances = utterances,
                Calls = calls,
                FollowUps = [.. spec.FollowUps.Select(f => Fill(f, facts)?.Text).OfType<string>()],
                Decline = decline,
            });
        }

        var (typos, mindChanges) = await DecoysAsync(state, scenario, userFacts, actions, rng, cancellationToken);
        var id = $"{request.DialogueId}-t{earlier.Count}";
        var buildsOn = compiled.Parameters.Any(p => state.LastTaskFacts.Contains(p) && !state.Principal.ContainsKey(p)) ? earlier[^1].Id : null;
        state.Accept(actions, results.Skip(resultsBefore), facts, row.Keys.Concat(scenario.Choices.Keys));
        return new TaskSpec
        {
            Id = id,
            DialogueId = request.DialogueId,
            Index = earlier.Count,
            EnvironmentId = env.Spec.Id,
            Scenario = scenario.Id,
            Goal = Fill(scenario.Goal, facts)?.Text ?? scenario.Goal,
            Difficulty = scenario.Difficulty,
            SubRequests = subRequests,
            UserFacts = userFacts,
            HiddenFacts = facts.Where(f => !known.Contains(f.Key) && row.ContainsKey(f.Key)).ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal),
            Typos = typos,
            MindChanges = mindChanges,
            ExpectedActions = actions,
            ExpectedEndState = env.Hasher.Hash(state.Scratch),
            BuildsOn = buildsOn,
        };
    }

    /// <summary>
    /// Wrong values the user may give first: a typo in an identifier that a single-record lookup then fails to find
    /// (checked on the scratch copy), or another choice for a value the user may change their mind about.
    /// </summary>
    private static async ValueTask<(Dictionary<string, string> Typos, Dictionary<string, string> MindChanges)> DecoysAsync(PlanState state, ScenarioSpec scenario,
        Dictionary<string, string> userFacts, List<ExpectedAction> actions, SeededRandom rng, CancellationToken cancellationToken)
    {
        var mindChanges = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (fact, values) in scenario.Choices)
        {
            // Only a choice that no read depends on: the agent confirms writes first, so the change lands before anything runs.
            var expression = "{" + fact + "}";
            var usedByRead = scenario.Requests.SelectMany(r => r.Calls).Any(c =>
                c.Args.Values.Any(v => v is JsonElement { ValueKind: JsonValueKind.String } e && e.GetString() == expression)
                && state.Env.Tools.TryGet(c.Tool, out var t) && t.Access == ToolAccess.Read);
            var others = values.Where(v => v != userFacts[fact]).ToList();
            // People change their minds about what they get (dates, items, amounts), not about how they worded a reason.
            var wording = fact.EndsWith("reason", StringComparison.Ordinal) || fact.EndsWith("note", StringComparison.Ordinal) || fact.EndsWith("memo", StringComparison.Ordinal);
            if (others.Count > 0 && !usedByRead && !wording) mindChanges[fact] = rng.Pick(others);
        }
        var decoys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var action in actions)
        {
            if (!state.Env.Tools.TryGet(action.Tool, out var tool) || tool.Access != ToolAccess.Read || tool.Returns != ToolReturns.One) continue;
            foreach (var argument in action.Arguments.EnumerateObject())
            {
                var fact = userFacts.FirstOrDefault(f => f.Value == SqlValue.Text(argument.Value) && argument.Value.ValueKind == JsonValueKind.String).Key;
                if (fact is null || decoys.ContainsKey(fact) || mindChanges.ContainsKey(fact) || userFacts[fact].Length < 4) continue;
                var typo = Typo(userFacts[fact], rng);
                var args = JsonSerializer.Deserialize(action.Arguments, PrimitiveJsonContext.Default.DictionaryStringJsonElement)!;
                args[argument.Name] = JsonSerializer.SerializeToElement(typo, PrimitiveJsonContext.Default.String);
                var probe = await state.Executor.ExecuteAsync(new ToolInvocation("decoy", tool.Name, JsonSerializer.Serialize(args, PrimitiveJsonContext.Relaxed.DictionaryStringJsonElement)), cancellationToken);
                if (probe.Error == ToolErrorKind.NoRows) decoys[fact] = typo;
            }
        }
        return (decoys, mindChanges);
    }

    private static string Typo(string value, SeededRandom rng)
    {
        // Swap two adjacent letters before any '@', the way people mistype.
        var limit = value.IndexOf('@') is var at and > 2 ? at : value.Length;
        for (var tries = 0; tries < 8; tries++)
        {
            var i = rng.Next(Math.Max(1, limit - 1));
            if (i + 1 < limit && value[i] != value[i + 1] && char.IsLetterOrDigit(value[i]) && char.IsLetterOrDigit(value[i + 1]))
            {
                return string.Concat(value.AsSpan(0, i), value[i + 1].ToString(), value[i].ToString(), value.AsSpan(i + 2));
            }
        }
        return value + "x";
    }

    /// <summary>
    /// Runs a change the policy should refuse: true when a precondition refuses it, false when it went through (the
    /// scratch copy then needs rebuilding), null when its arguments cannot be resolved.
    /// </summary>
    private static async ValueTask<bool?> RefusedAsync(PlanState state, ScenarioCall call, Dictionary<string, string> facts, List<JsonElement> results, CancellationToken cancellationToken)
    {
        if (!state.Env.Tools.TryGet(call.Tool, out var tool)) return null;
        var arguments = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (name, raw) in call.Args)
        {
            var expression = JsonSerializer.SerializeToElement(raw, PrimitiveJsonContext.Default.Object);
            var resolution = ArgumentResolver.Resolve(expression, facts, EmptyFacts, results);
            if (resolution.Kind is not (ResolutionKind.Stated or ResolutionKind.Literal or ResolutionKind.FromResult)) return null;
            var property = tool.Parameters.TryGetProperty("properties", out var props) && props.TryGetProperty(name, out var p) ? p : default;
            arguments[name] = resolution.Kind == ResolutionKind.Stated ? ArgumentResolver.Coerce(resolution.Value.GetString()!, property) : resolution.Value;
        }
        var json = JsonSerializer.Serialize(arguments, PrimitiveJsonContext.Default.DictionaryStringJsonElement);
        var result = await state.Executor.ExecuteAsync(new ToolInvocation("refusal", tool.Name, json), cancellationToken);
        return result.IsSuccess ? false : result.Error == ToolErrorKind.PreconditionFailed;
    }

    private static async ValueTask<TaskSpec?> AbandonAsync(PlanState state, List<ExpectedAction> partial, CancellationToken cancellationToken)
    {
        if (partial.Any(a => state.Env.Tools.TryGet(a.Tool, out var t) && t.Access == ToolAccess.Write))
        {
            await state.RebuildAsync(cancellationToken);
        }
        return null;
    }

    /// <summary>Fills <c>{fact}</c> placeholders; null when a placeholder names no fact.</summary>
    internal static Utterance? Fill(string template, IReadOnlyDictionary<string, string> facts)
    {
        var mentions = new List<string>();
        var text = Placeholders.Fill(template, name => facts.GetValueOrDefault(name), mentions);
        return text is null ? null : new Utterance(text, mentions);
    }

    /// <summary>
    /// One row of a query, drawn uniformly. While the scratch copy is still the template (planning a dialogue's first
    /// tasks), the candidate rows are the same for every dialogue, so they are memoised per query and parameters.
    /// </summary>
    private Dictionary<string, string>? PickRow(EnvironmentDatabase env, SqliteSandbox db, string sql, IReadOnlyDictionary<string, string> facts, SeededRandom rng)
    {
        var names = _parameters.GetOrAdd(sql, q => [.. SqlText.Parameters(q)]);
        var values = names.Select(n => facts.TryGetValue(n, out var v) ? v : n == "today" ? env.Spec.Today : null).ToList();
        IReadOnlyList<Dictionary<string, string>> rows;
        if (db.IsPristine)
        {
            var cache = _candidates.GetValue(env, _ => new());
            var key = (sql, string.Join('\u001f', values.Select(v => v ?? "\u0000")));
            if (!cache.TryGetValue(key, out var cached))
            {
                if (cache.Count > MaxCachedQueries) cache.Clear();
                cache[key] = cached = Query(db, sql, names, values);
            }
            rows = cached;
        }
        else
        {
            rows = Query(db, sql, names, values);
        }
        return rows.Count == 0 ? null : rows[rng.Next(rows.Count)];
    }

    /// <summary>
    /// Runs a principal or scenario sample query, read-only and within the sandbox's time budget; throws
    /// <see cref="ParleyException"/> naming the query when the sandbox refuses it or it returns too many rows.
    /// </summary>
    internal static List<Dictionary<string, string>> Query(SqliteSandbox db, string sql, string[] names, List<string?> values)
    {
        using var command = db.Connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Scope;
        for (var i = 0; i < names.Length; i++) command.Parameters.AddWithValue(":" + names[i], values[i] is { } v ? Typed(v) : DBNull.Value);
        var rows = new List<Dictionary<string, string>>();
        db.Arm(readOnly: true);
        try
        {
            using var reader = command.ExecuteReader();
            var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
            while (reader.Read())
            {
                if (rows.Count == SandboxLimits.MaxQueryRows)
                {
                    throw ParleyException.InvalidEnvironment($"the query `{Shorten(sql)}` returns more than {SandboxLimits.MaxQueryRows} rows");
                }
                // The budget is for SQLite's work, not for building the rows here; the row limit bounds the whole query.
                if (rows.Count % 1024 == 1023) db.Arm(readOnly: true);
                var row = new Dictionary<string, string>(columns.Length, StringComparer.Ordinal);
                for (var i = 0; i < columns.Length; i++) row[columns[i]] = SqlValue.Text(SqlValue.Read(reader, i));
                rows.Add(row);
            }
        }
        catch (Microsoft.Data.Sqlite.SqliteException e)
        {
            throw ParleyException.InvalidEnvironment($"the query `{Shorten(sql)}` failed: {SandboxErrors.Describe(e)}");
        }
        finally
        {
            db.Disarm();
        }
        return rows;
    }

    private static string Shorten(string sql)
    {
        var line = string.Join(' ', sql.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return line.Length <= 120 ? line : line[..120] + "…";
    }

    private static object Typed(string value) => long.TryParse(value, out var l) ? l : value;

    /// <summary>The scratch copy, the facts so far, and the actions accepted, so a failed grounding can be undone.</summary>
    private sealed class PlanState(EnvironmentDatabase env, SandboxLease lease, Dictionary<string, string> principal)
    {
        private readonly List<ExpectedAction> _accepted = [];

        public EnvironmentDatabase Env { get; } = env;
        public SandboxLease Lease { get; private set; } = lease;
        public SqliteSandbox Scratch => Lease.Database;
        public IToolExecutor Executor => Lease.Executor;
        public Dictionary<string, string> Principal { get; } = principal;

        /// <summary>The last tool failure that no scenario can get past (the sandbox refused the tool), for the error message.</summary>
        public string? Refusal { get; private set; }

        public void Note(string tool, ToolResult result)
        {
            if (result.Error is ToolErrorKind.Forbidden or ToolErrorKind.Timeout or ToolErrorKind.ResultTooLarge or ToolErrorKind.ExecutionError)
            {
                Refusal = $"tool '{tool}' failed ({JsonSerializer.Serialize(result.Error.Value, DialogueJsonContext.Default.ToolErrorKind).Trim('"')}): {Message(result.Content)}";
            }
        }

        private static string Message(string content)
        {
            using var document = JsonDocument.Parse(content);
            return document.RootElement.TryGetProperty("error", out var error) && error.TryGetProperty("message", out var message) ? message.GetString() ?? "" : content;
        }
        public Dictionary<string, string> Facts { get; } = new(principal, StringComparer.Ordinal);
        public HashSet<string> LastTaskFacts { get; private set; } = [];
        public List<JsonElement> Results { get; } = [];

        public void Accept(List<ExpectedAction> actions, IEnumerable<JsonElement> results, Dictionary<string, string> facts, IEnumerable<string> taskFacts)
        {
            _accepted.AddRange(actions);
            Results.AddRange(results);
            foreach (var (k, v) in facts) Facts[k] = v;
            LastTaskFacts = [.. taskFacts];
        }

        /// <summary>Restores the scratch copy to the state after the accepted actions.</summary>
        public async ValueTask RebuildAsync(CancellationToken cancellationToken)
        {
            Lease.Dispose();
            Lease = Env.Rent();
            foreach (var action in _accepted)
            {
                await Executor.ExecuteAsync(new ToolInvocation("replay", action.Tool, action.Arguments.GetRawText()), cancellationToken);
            }
        }
    }
}
