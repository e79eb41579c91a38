using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Serialization;
using Parley.Text;

namespace Parley.Imports;

/// <summary>
/// The declaration that turns one τ²-bench domain into a Parley environment: a folder with <c>domain.yaml</c>,
/// <c>schema.sql</c>, <c>tools.yaml</c> (the same formats as a catalog domain) and <c>tau2.yaml</c> (how <c>db.json</c>
/// becomes rows, and how tasks become Parley tasks). Retail is built in; another domain is another such folder.
/// </summary>
public sealed record Tau2Mapping
{
    private const string Prefix = "Parley.Tau2/";

    /// <summary>The domain's name.</summary>
    public required string Domain { get; init; }

    /// <summary>Reads a file of the declaration; null when it has no such file.</summary>
    public required Func<string, string?> Read { get; init; }

    /// <summary>Where the declaration comes from, for messages.</summary>
    public required string Source { get; init; }

    /// <summary>The tables and how their rows come from <c>db.json</c>.</summary>
    public required IReadOnlyList<TableMapping> Tables { get; init; }

    /// <summary>How tasks are converted.</summary>
    public required TaskMapping Tasks { get; init; }

    /// <summary>The built-in declarations' domains.</summary>
    public static IReadOnlyList<string> BuiltIn { get; } =
        [.. EmbeddedResources.Names(Prefix).Select(n => n[Prefix.Length..].Split('/')[0]).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>The built-in declaration of <paramref name="domain"/>.</summary>
    /// <exception cref="ParleyException">There is none.</exception>
    public static Tau2Mapping Embedded(string domain)
    {
        if (!BuiltIn.Contains(domain)) throw ParleyException.InvalidOption("--domain", $"no built-in τ² mapping for '{domain}' (built in: {string.Join(", ", BuiltIn)}); pass --mapping FOLDER");
        string? Read(string file) => EmbeddedResources.TryRead($"{Prefix}{domain}/{file}");
        return Parse(domain, Read, $"tau2/{domain}");
    }

    /// <summary>A declaration folder on disk (named after its domain).</summary>
    /// <exception cref="ParleyException">The folder or its <c>tau2.yaml</c> is missing or malformed.</exception>
    public static Tau2Mapping FromFolder(string folder)
    {
        if (!Directory.Exists(folder)) throw ParleyException.NotFound(folder, "no such mapping folder");
        string? Read(string file) => File.Exists(Path.Combine(folder, file)) ? File.ReadAllText(Path.Combine(folder, file)) : null;
        return Parse(Path.GetFileName(Path.TrimEndingDirectorySeparator(folder)), Read, folder);
    }

    private static Tau2Mapping Parse(string domain, Func<string, string?> read, string source)
    {
        var where = $"{source}/tau2.yaml";
        var yaml = read("tau2.yaml") ?? throw ParleyException.InvalidFile(where, "missing");
        var root = YamlJson.Parse(yaml, where) as JsonObject ?? throw ParleyException.InvalidFile(where, "expected a mapping");
        var tables = (root["tables"] as JsonArray ?? throw ParleyException.InvalidFile(where, "no 'tables' list")).Select(node =>
        {
            var table = node as JsonObject ?? throw ParleyException.InvalidFile(where, "each table must be a mapping");
            var name = Text(table["table"], where, "table");
            var columns = table["columns"] as JsonObject ?? throw ParleyException.InvalidFile(where, $"{name}: no 'columns' mapping");
            return new TableMapping(name, Text(table["rows"], where, $"{name}.rows"), [.. columns.Select(c => new KeyValuePair<string, string>(c.Key, Text(c.Value, where, $"{name}.columns.{c.Key}")))]);
        }).ToList();
        var tasks = root["tasks"] as JsonObject ?? new JsonObject();
        var say = (tasks["say"] as JsonObject ?? []).ToDictionary(
            s => s.Key,
            s => (IReadOnlyList<string>)[.. (s.Value as JsonArray ?? [s.Value]).Select(v => Text(v, where, $"tasks.say.{s.Key}"))],
            StringComparer.Ordinal);
        return new Tau2Mapping
        {
            Domain = domain,
            Read = read,
            Source = source,
            Tables = tables,
            Tasks = new TaskMapping(
                Strings(tasks["facts"], where, "tasks.facts"),
                Strings(tasks["drop_tools"], where, "tasks.drop_tools"),
                tasks["opening"] is { } opening ? Text(opening, where, "tasks.opening") : "Hi, I need some help.",
                say),
        };
    }

    private static string Text(JsonNode? node, string where, string key) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : throw ParleyException.InvalidFile(where, $"{key}: expected a string");

    private static IReadOnlyList<string> Strings(JsonNode? node, string where, string key) =>
        node is null ? [] : node is JsonArray list ? [.. list.Select(n => Text(n, where, key))] : throw ParleyException.InvalidFile(where, $"{key}: expected a list");
}

/// <summary>A table and where its rows come from: <paramref name="Rows"/> is a path into <c>db.json</c> with <c>*</c> steps, each column a path from the row's element.</summary>
public sealed record TableMapping(string Table, string Rows, IReadOnlyList<KeyValuePair<string, string>> Columns);

/// <summary>How τ² tasks become Parley tasks.</summary>
/// <param name="Facts">Argument names the user states themselves when the value is in their instructions.</param>
/// <param name="DropTools">Tools whose actions are left out of the expected actions (no database counterpart).</param>
/// <param name="Opening">What the user says to open a task with no write.</param>
/// <param name="Say">Per write tool, what the user says to ask for it (<c>{argument}</c> placeholders).</param>
public sealed record TaskMapping(IReadOnlyList<string> Facts, IReadOnlyList<string> DropTools, string Opening, IReadOnlyDictionary<string, IReadOnlyList<string>> Say);
