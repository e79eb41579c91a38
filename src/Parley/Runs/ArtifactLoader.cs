using System.Text.Json;
using Parley.Dialogues;
using Parley.Environments;
using Parley.Serialization;
using Parley.Simulation;
using Parley.Tasks;

namespace Parley.Runs;

/// <summary>
/// Loads any stage's artifact to start a run from: a list of domain names (<c>.txt</c>, or a JSON array), an
/// environment file (<c>.json</c>) or folder (a domain folder, or a run's <c>environments/</c>), a tasks file, or saved
/// states (<c>.jsonl</c>). Environments referenced by tasks and states are found beside the file or in the catalog.
/// </summary>
public static class ArtifactLoader
{
    /// <summary>Loads the artifact at <paramref name="path"/>.</summary>
    public static StartingPoint Load(string path, DomainCatalog catalog)
    {
        if (Directory.Exists(path)) return new StartingPoint { Environments = LoadFolder(path) };
        var extension = Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            ".jsonl" => LoadLines(path, catalog),
            ".json" => LoadJson(path, catalog),
            _ => new StartingPoint { Environments = [.. DomainNames(File.ReadAllLines(path)).Select(catalog.Get)] },
        };
    }

    /// <summary>Finds the environment with <paramref name="id"/>: an environment file beside <paramref name="nearFile"/>, or a built-in domain.</summary>
    public static EnvironmentSpec FindEnvironment(string id, string nearFile, DomainCatalog catalog)
    {
        // The id comes from the file and becomes a path: '../x' or an absolute id must not reach outside the folder.
        if (!EnvironmentValidator.IsSafeName(id)) throw ParleyException.InvalidFile(nearFile, $"environment id '{id}' is not a valid id (letters, digits, '_', '-', '.')");
        var folder = Path.GetDirectoryName(Path.GetFullPath(nearFile)) ?? ".";
        foreach (var candidate in new[] { Path.Combine(folder, OutputDirectory.EnvironmentsFolder, id + ".json"), Path.Combine(folder, id + ".json") })
        {
            if (File.Exists(candidate)) return ReadEnvironment(candidate);
        }
        if (catalog.Names.Contains(id)) return catalog.Get(id);
        throw ParleyException.InvalidFile(nearFile, $"environment '{id}' is neither in {OutputDirectory.EnvironmentsFolder}/ beside the file nor a built-in domain");
    }

    /// <summary>Reads one environment file.</summary>
    public static EnvironmentSpec ReadEnvironment(string path)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), EnvironmentJsonContext.Default.EnvironmentSpec)
                ?? throw ParleyException.InvalidFile(path, "empty environment");
        }
        catch (JsonException e)
        {
            throw ParleyException.InvalidFile(path, $"not an environment file ({e.Path}): {e.Message}");
        }
    }

    /// <summary>
    /// The files the artifact at <paramref name="path"/> is read from, in a stable order: the file itself; every file
    /// of a domain folder; or the environment files of a folder of them or of a run folder (not its dialogues or ledger).
    /// </summary>
    internal static IReadOnlyList<string> FilesOf(string path)
    {
        if (!Directory.Exists(path)) return [path];
        if (IsDomainFolder(path)) return [.. Directory.GetFiles(path).Order(StringComparer.Ordinal)];
        var folder = Directory.Exists(Path.Combine(path, OutputDirectory.EnvironmentsFolder)) ? Path.Combine(path, OutputDirectory.EnvironmentsFolder) : path;
        return [.. Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal)];
    }

    private static bool IsDomainFolder(string path) => File.Exists(Path.Combine(path, "domain.yaml"));

    private static IReadOnlyList<EnvironmentSpec> LoadFolder(string path)
    {
        if (IsDomainFolder(path)) return [DomainCatalog.ReadFolder(path)];
        var files = FilesOf(path);
        if (files.Count == 0) throw ParleyException.InvalidFile(path, "no domain.yaml and no environment files (*.json) found");
        return [.. files.Select(ReadEnvironment)];
    }

    private static StartingPoint LoadJson(string path, DomainCatalog catalog)
    {
        using var document = Parse(File.ReadAllText(path), path);
        return document.RootElement.ValueKind == JsonValueKind.Array
            ? new StartingPoint { Environments = [.. DomainNames(document.RootElement.EnumerateArray().Select(e => e.GetString() ?? "")).Select(catalog.Get)] }
            : new StartingPoint { Environments = [ReadEnvironment(path)] };
    }

    // A saved conversation answers each tool call once; replaying it matches results to calls by id.
    private static void CheckToolCallIds(GenerationState state, string path)
    {
        var calls = state.Messages.OfType<AssistantMessage>().SelectMany(m => m.ToolCalls ?? []).Select(c => c.Id);
        var results = state.Messages.OfType<ToolMessage>().Select(m => m.ToolCallId);
        foreach (var (ids, what) in new[] { (calls, "tool calls"), (results, "tool results") })
        {
            if (ids.GroupBy(id => id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
            {
                throw ParleyException.InvalidFile(path, $"dialogue {state.DialogueId}: two {what} have the id '{twice.Key}'; each tool call needs its own id");
            }
        }
    }

    private static StartingPoint LoadLines(string path, DomainCatalog catalog)
    {
        var first = File.ReadLines(path).FirstOrDefault(l => !string.IsNullOrWhiteSpace(l))
            ?? throw ParleyException.InvalidFile(path, "the file is empty");
        using var probe = Parse(first, path);
        var root = probe.RootElement;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("sub_requests", out _))
        {
            var tasks = JsonlFile.Read(path, RunJsonContext.Default.TaskSpec);
            var groups = tasks.GroupBy(t => t.DialogueId).Select(g => (IReadOnlyList<TaskSpec>)[.. g.OrderBy(t => t.Index)]).ToList();
            var environments = groups.Select(g => g[0].EnvironmentId).Distinct().Select(id => FindEnvironment(id, path, catalog)).ToList();
            return new StartingPoint { TaskGroups = groups, Environments = environments };
        }
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("user_state", out _))
        {
            var states = JsonlFile.Read(path, RunJsonContext.Default.GenerationState);
            foreach (var state in states) CheckToolCallIds(state, path);
            var environments = states.Select(s => s.EnvironmentId).Distinct().Select(id => FindEnvironment(id, path, catalog)).ToList();
            return new StartingPoint { States = states, Environments = environments };
        }
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("messages", out _))
        {
            throw ParleyException.InvalidFile(path, "finished dialogues cannot be continued; to pause dialogues and continue them later, generate with --pause-after and continue from states.jsonl");
        }
        throw ParleyException.InvalidFile(path, "not a tasks file or a states file (expected lines with 'sub_requests' or 'user_state')");
    }

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

    private static IEnumerable<string> DomainNames(IEnumerable<string> lines) =>
        lines.Select(l => l.Split('#')[0].Trim()).Where(l => l.Length > 0).Distinct();
}
