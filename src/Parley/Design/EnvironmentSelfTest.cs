using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Parley.Dialogues;
using Parley.Environments;
using Parley.Tasks;
using Parley.Tools;

namespace Parley.Design;

/// <summary>
/// Tries an environment the way a dialogue will use it: builds it (schema, rows, validation), checks that every entity
/// keeps one type across tools and matches its column, then calls every tool on arguments drawn from the rows — a read
/// should find rows for a real id, a write should succeed on a scratch copy, a result should match its declared
/// schema — and plans a task from the scenarios. Each problem is a sentence a designer (or a model) can act on.
/// </summary>
internal static class EnvironmentSelfTest
{
    private static readonly EvaluationOptions SchemaOptions = new() { OutputFormat = OutputFormat.List };

    /// <summary>The problems found, none when the environment passes.</summary>
    /// <param name="spec">The declaration to test.</param>
    /// <param name="seed">The environment seed (for seed rules and the planner).</param>
    /// <param name="examples">Arguments to call each tool with, by tool name; tools without are called on arguments drawn from the rows.</param>
    /// <param name="cancellationToken">Cancels the test.</param>
    public static async Task<IReadOnlyList<string>> RunAsync(EnvironmentSpec spec, ulong seed,
        IReadOnlyDictionary<string, JsonElement>? examples = null, CancellationToken cancellationToken = default)
    {
        var problems = new List<string>();
        problems.AddRange(TypeConsistency.Check(spec.Tools));
        problems.AddRange(UnusedParameters(spec.Tools));
        EnvironmentDatabase env;
        try
        {
            env = EnvironmentDatabase.Build(spec, seed);
        }
        catch (ParleyException e)
        {
            problems.Add(e.Message);
            return problems;
        }
        using (env)
        {
            problems.AddRange(TypeConsistency.CheckColumns(spec.Tools, env));
            foreach (var tool in spec.Tools)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var problem = examples is not null && examples.TryGetValue(tool.Name, out var given)
                    ? (await CallAsync(env, tool, given, cancellationToken)).Problem
                    : await CallOnRowsAsync(env, tool, cancellationToken);
                if (problem is not null) problems.Add($"tool '{tool.Name}': {problem}");
            }
            if (spec.Scenarios.Count > 0 && problems.Count == 0) problems.AddRange(await PlanAsync(env, seed, cancellationToken));
        }
        return problems;
    }

    /// <summary>
    /// Calls a tool on argument sets drawn from the rows until one passes. Drawn arguments are guesses, so a tool whose
    /// every call is refused by its own preconditions (or, for a write, finds no such record) passes: its rules did their job. A model's example arguments are
    /// meant to satisfy them, and are tested strictly.
    /// </summary>
    private static async Task<string?> CallOnRowsAsync(EnvironmentDatabase env, ToolSpec tool, CancellationToken cancellationToken)
    {
        string? first = null;
        var refusedByRules = true;
        foreach (var arguments in SampleArguments.Candidates(tool, env.Data))
        {
            var (problem, refused) = await CallAsync(env, tool, arguments, cancellationToken);
            if (problem is null) return null;
            first ??= problem;
            refusedByRules &= refused;
        }
        return refusedByRules ? null : first;
    }

    private static async Task<(string? Problem, bool RefusedByRule)> CallAsync(EnvironmentDatabase env, ToolSpec tool, JsonElement arguments, CancellationToken cancellationToken)
    {
        var text = arguments.ValueKind == JsonValueKind.Undefined ? "{}" : arguments.GetRawText();
        ToolResult result;
        using (var lease = env.Rent())
        {
            result = await lease.Executor.ExecuteAsync(new ToolInvocation("self-test", tool.Name, text), cancellationToken);
        }
        if (!result.IsSuccess)
        {
            return (result.Error == ToolErrorKind.InvalidArguments
                ? $"the test arguments {text} do not fit its parameters: {Message(result)}"
                : $"called with {text}, it failed ({Kind(result)}): {Message(result)}", result.Error == ToolErrorKind.PreconditionFailed || (tool.Access == ToolAccess.Write && result.Error == ToolErrorKind.NoRows));
        }
        using var json = JsonDocument.Parse(result.Content);
        var root = json.RootElement;
        if (tool.Access == ToolAccess.Read && root.ValueKind == JsonValueKind.Array && root.GetArrayLength() == 0)
        {
            return ($"called with {text}, it returned no rows; fix its SQL or use arguments from real rows", false);
        }
        if (tool.Access == ToolAccess.Write && root.ValueKind == JsonValueKind.Object && root.TryGetProperty("affected_rows", out var affected) && affected.GetInt32() == 0)
        {
            return ($"called with {text}, it changed nothing", false);
        }
        return (tool.ResultSchema is { } schema ? CheckResult(tool, schema, root) : null, false);
    }

    private static string? CheckResult(ToolSpec tool, JsonElement schema, JsonElement result)
    {
        var expected = tool.Returns == ToolReturns.Many ? "array" : "object";
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("type", out var type) || type.GetString() != expected)
        {
            return $"its result_schema must have type '{expected}' (returns: {tool.Returns.ToString().ToLowerInvariant()})";
        }
        JsonSchema compiled;
        try
        {
            compiled = JsonSchema.Build(schema);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or RefResolutionException)
        {
            return $"its result_schema is not a valid JSON Schema: {e.Message}";
        }
        var evaluation = compiled.Evaluate(result, SchemaOptions);
        if (evaluation.IsValid) return null;
        var errors = (evaluation.Details ?? []).Prepend(evaluation).Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{(d.InstanceLocation.ToString() is "" or "/" ? "" : d.InstanceLocation + ": ")}{e.Value}"))
            .Distinct().Take(5);
        return $"its result does not match its result_schema: {string.Join("; ", errors)} (result: {Truncate(result.GetRawText())})";
    }

    /// <summary>A parameter no statement uses is one the agent fills in for nothing.</summary>
    private static IEnumerable<string> UnusedParameters(IEnumerable<ToolSpec> tools)
    {
        foreach (var tool in tools)
        {
            var used = tool.Sql.Concat(tool.Preconditions.Select(p => p.Sql)).SelectMany(SqlText.Parameters).ToHashSet(StringComparer.Ordinal);
            foreach (var name in SampleArguments.Properties(tool.Parameters).Select(p => p.Name).Where(n => !used.Contains(n)))
            {
                yield return $"tool '{tool.Name}': parameter '{name}' is declared but no SQL uses :{name}";
            }
        }
    }

    private static async Task<IEnumerable<string>> PlanAsync(EnvironmentDatabase env, ulong seed, CancellationToken cancellationToken)
    {
        var planner = new ScenarioTaskPlanner();
        var failures = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            try
            {
                var plan = await planner.PlanAsync(new TaskPlanRequest(env, "self-test", Determinism.StableSeed.Derive(seed, "self-test", i), 1), cancellationToken);
                if (plan.Failure is null) return [];
                failures.Add(plan.Failure);
            }
            catch (ParleyException e)
            {
                failures.Add(e.Message);
            }
        }
        return [$"scenarios: no task could be planned ({failures.Distinct().First()}); check the principal query and the scenarios' sample queries against the rows"];
    }

    private static string Kind(ToolResult result) => JsonNode.Parse(result.Content)?["error"]?["kind"]?.GetValue<string>() ?? "error";

    private static string Message(ToolResult result) => JsonNode.Parse(result.Content)?["error"]?["message"]?.GetValue<string>() ?? result.Content;

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
