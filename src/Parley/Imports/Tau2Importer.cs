using System.Globalization;
using System.Text.Json;
using Parley.Environments;
using Parley.Runs;
using Parley.Serialization;
using Parley.Tasks;
using Parley.Tools;

namespace Parley.Imports;

/// <summary>
/// Imports a τ²-bench domain (<c>db.json</c>, <c>policy.md</c>, <c>tasks.json</c> as published in its repository) as a
/// Parley environment: the database flattened into keyed tables by the domain's <see cref="Tau2Mapping"/>, the tools as
/// parameterised SQL mirroring the Python tools' checks, the policy as the agent's policy, and each task as a Parley task
/// (instructions → the user's goal and known facts; expected actions → sub-requests and expected actions; the expected
/// end state obtained by replaying those actions through the tools). A task is left out, with its reason, when it has no
/// action the database can see or when replaying its actions fails.
/// </summary>
public static class Tau2Importer
{
    /// <summary>The file listing what was imported and what was left out.</summary>
    public const string ReportFile = "import.json";

    /// <summary>Imports the domain in <paramref name="sourceFolder"/> with <paramref name="mapping"/> (null: the built-in one named by the tasks).</summary>
    /// <exception cref="ParleyException">A file is missing or malformed, or the mapping does not build.</exception>
    public static async Task<Tau2Import> ImportAsync(string sourceFolder, Tau2Mapping? mapping = null, CancellationToken cancellationToken = default)
    {
        string Required(string file) => File.Exists(Path.Combine(sourceFolder, file)) ? Path.Combine(sourceFolder, file)
            : throw ParleyException.NotFound(sourceFolder, $"no {file} (expected τ²-bench's domain files: db.json, policy.md, tasks.json)");
        var dbFile = Required("db.json");
        var policy = await File.ReadAllTextAsync(Required("policy.md"), cancellationToken);
        var tasksFile = Required("tasks.json");
        using var tasks = Parse(await File.ReadAllTextAsync(tasksFile, cancellationToken), tasksFile);
        if (tasks.RootElement.ValueKind != JsonValueKind.Array) throw ParleyException.InvalidFile(tasksFile, "expected a JSON array of tasks");
        mapping ??= Tau2Mapping.Embedded(DomainOf(tasks.RootElement, sourceFolder));

        using var db = Parse(await File.ReadAllTextAsync(dbFile, cancellationToken), dbFile);
        var data = new Dictionary<string, TableData>(StringComparer.Ordinal);
        foreach (var table in mapping.Tables) data[table.Table] = JsonRows.Of(db.RootElement, table);
        var id = "tau2-" + mapping.Domain;
        var spec = DomainCatalog.Assemble(id, file => file == "policy.md" ? policy : mapping.Read(file), mapping.Source) with { Data = data };
        using var env = EnvironmentDatabase.Build(spec, 0);

        var imported = new List<TaskSpec>();
        var skipped = new List<SkippedTask>();
        var words = new List<string>();
        var dropped = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var task in tasks.RootElement.EnumerateArray())
        {
            var taskId = Text(task, "id") ?? imported.Count.ToString(CultureInfo.InvariantCulture);
            var (actions, problem) = Tau2TaskConverter.Actions(task, env, mapping.Tasks);
            if (actions is not null)
            {
                var (succeeded, endState, failed) = await ReplayAsync(actions, env, cancellationToken);
                if (failed.Count > 0) dropped[taskId] = failed;
                if (succeeded.Count > 0)
                {
                    imported.Add(Tau2TaskConverter.Convert(task, taskId, env, mapping.Tasks, succeeded, endState));
                    if (DependsOnWords(task)) words.Add(taskId);
                    continue;
                }
                problem = "every expected action fails when replayed (as it does in τ²): " + failed[0];
            }
            skipped.Add(new SkippedTask(taskId, problem!));
        }
        return new Tau2Import
        {
            Environment = env.Spec,
            Tasks = imported,
            Skipped = skipped,
            Rows = data.ToDictionary(t => t.Key, t => t.Value.Rows.Count, StringComparer.Ordinal),
            SourceTasks = tasks.RootElement.GetArrayLength(),
            WordsNotChecked = words,
            DroppedActions = dropped,
        };
    }

    /// <summary>Writes <paramref name="import"/> as a folder that <c>eval --from</c> and <c>generate --from</c> take as it is: <c>environments/</c>, <c>tasks.jsonl</c> and <see cref="ReportFile"/>.</summary>
    public static void Write(Tau2Import import, string folder)
    {
        Directory.CreateDirectory(Path.Combine(folder, OutputDirectory.EnvironmentsFolder));
        File.WriteAllText(Path.Combine(folder, OutputDirectory.EnvironmentsFolder, import.Environment.Id + ".json"),
            IndentedJson.Serialize(import.Environment, EnvironmentJsonContext.Default.EnvironmentSpec));
        JsonlFile.Write(Path.Combine(folder, OutputDirectory.TasksFile), import.Tasks, RunJsonContext.Default.TaskSpec);
        var report = new Dictionary<string, JsonElement>
        {
            ["environment"] = JsonSerializer.SerializeToElement(import.Environment.Id, PrimitiveJsonContext.Default.String),
            ["rows"] = JsonSerializer.SerializeToElement(import.Rows.ToDictionary(r => r.Key, r => r.Value.ToString(CultureInfo.InvariantCulture)), PrimitiveJsonContext.Default.DictionaryStringString),
            ["source_tasks"] = JsonSerializer.SerializeToElement((long)import.SourceTasks, PrimitiveJsonContext.Default.Int64),
            ["imported_tasks"] = JsonSerializer.SerializeToElement((long)import.Tasks.Count, PrimitiveJsonContext.Default.Int64),
            ["skipped"] = JsonSerializer.SerializeToElement(import.Skipped.ToDictionary(s => s.Id, s => s.Reason), PrimitiveJsonContext.Default.DictionaryStringString),
            ["dropped_actions"] = JsonSerializer.SerializeToElement(import.DroppedActions.ToDictionary(d => d.Key, d => string.Join("; ", d.Value)), PrimitiveJsonContext.Default.DictionaryStringString),
            ["words_not_checked"] = JsonSerializer.SerializeToElement(string.Join(",", import.WordsNotChecked), PrimitiveJsonContext.Default.String),
        };
        File.WriteAllText(Path.Combine(folder, ReportFile), IndentedJson.Serialize(report, PrimitiveJsonContext.Default.DictionaryStringJsonElement));
    }

    // The expected end state is the state the expected actions reach through Parley's own tools. Some of τ²'s expected
    // actions fail in τ² itself (a mistyped email tried first, an exchange the order's status forbids): a failed call
    // changes nothing, so those are left out of the task and the rest reach the same state.
    private static async Task<(List<(string Tool, JsonElement Arguments)> Succeeded, string EndState, List<string> Failed)> ReplayAsync(
        List<(string Tool, JsonElement Arguments)> actions, EnvironmentDatabase env, CancellationToken cancellationToken)
    {
        using var lease = env.Rent();
        var succeeded = new List<(string, JsonElement)>();
        var failed = new List<string>();
        for (var i = 0; i < actions.Count; i++)
        {
            var (tool, arguments) = actions[i];
            var result = await lease.Executor.ExecuteAsync(new ToolInvocation($"replay_{i}", tool, arguments.GetRawText()), cancellationToken);
            if (result.IsSuccess) succeeded.Add(actions[i]);
            else failed.Add($"action {i} {tool}: {ErrorMessage(result.Content)}");
        }
        return (succeeded, env.Hasher.Hash(lease.Database), failed);
    }

    private static string ErrorMessage(string content)
    {
        using var error = JsonDocument.Parse(content);
        return error.RootElement.GetProperty("error").GetProperty("message").GetString() ?? "error";
    }

    private static string DomainOf(JsonElement tasks, string folder)
    {
        foreach (var task in tasks.EnumerateArray())
        {
            if (task.TryGetProperty("user_scenario", out var scenario) && scenario.ValueKind == JsonValueKind.Object
                && scenario.TryGetProperty("instructions", out var instructions) && instructions.ValueKind == JsonValueKind.Object
                && Text(instructions, "domain") is { Length: > 0 } domain) return domain;
        }
        return Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)));
    }

    private static bool DependsOnWords(JsonElement task) =>
        task.TryGetProperty("evaluation_criteria", out var criteria) && criteria.ValueKind == JsonValueKind.Object
        && (NonEmpty(criteria, "communicate_info") || NonEmpty(criteria, "nl_assertions"));

    private static bool NonEmpty(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0;

    internal static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static JsonDocument Parse(string json, string path)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw ParleyException.InvalidFile(path, $"not valid JSON: {e.Message}");
        }
    }
}
