using System.Text.Json;
using System.Text.RegularExpressions;
using Parley.Tools;

namespace Parley.Mcp;

/// <summary>
/// What a tool of an unknown server looks like from its name and schema: a read, a search, a create, something that
/// can be sampled without arguments, and which argument-free read shows the whole state (the probe).
/// </summary>
internal static partial class McpToolShapes
{
    /// <summary>True when the name starts with a reading verb (get, list, search, find, read, ...).</summary>
    public static bool LooksReadOnly(string name) => ReadVerb().IsMatch(name);

    /// <summary>True for a write whose name starts with a creating verb (create, add, new, insert, ...).</summary>
    public static bool IsCreate(ToolSpec tool) => tool.Access == ToolAccess.Write && CreateVerb().IsMatch(tool.Name);

    /// <summary>True for a parameter name that takes search text.</summary>
    public static bool IsQuery(string parameter) => QueryName().IsMatch(parameter);

    /// <summary>True for a parameter name that takes a path (path, file, source, destination, folder, ...).</summary>
    public static bool IsPath(string parameter) => PathName().IsMatch(parameter);

    /// <summary>True for a tool whose description says it is deprecated: its replacement is planned instead.</summary>
    public static bool IsDeprecated(ToolSpec tool) => tool.Description.Contains("deprecated", StringComparison.OrdinalIgnoreCase);

    /// <summary>True for a tool whose name says it works on folders (directory, folder, tree, list, search).</summary>
    public static bool WorksOnFolders(ToolSpec tool) => FolderTool().IsMatch(tool.Name);

    /// <summary>True for a tool that takes one path and nothing else required, and needs no array (a single-file read, a listing).</summary>
    public static bool TakesOnePath(ToolSpec tool) => Required(tool) is [var only] && IsPath(only) && TypeOf(Property(tool, only)) == "string";

    /// <summary>The tool's required parameter names.</summary>
    public static IReadOnlyList<string> Required(ToolSpec tool) =>
        tool.Parameters.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.Array
            ? [.. r.EnumerateArray().Select(x => x.GetString()).OfType<string>()]
            : [];

    /// <summary>A parameter's schema, or an empty schema.</summary>
    public static JsonElement Property(ToolSpec tool, string name) =>
        tool.Parameters.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object && p.TryGetProperty(name, out var s) ? s : default;

    /// <summary>The JSON type a schema names (<c>string</c> when it names none).</summary>
    public static string TypeOf(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "string";

    /// <summary>
    /// Arguments to sample a read tool with when designing: <c>{}</c> when it needs none, an empty search text when its one
    /// required parameter is one; null otherwise.
    /// </summary>
    public static string? SampleArguments(ToolSpec tool)
    {
        var required = Required(tool);
        if (required.Count == 0) return "{}";
        if (required.Count == 1 && IsQuery(required[0]) && TypeOf(Property(tool, required[0])) == "string") return $$"""{"{{required[0]}}":""}""";
        return null;
    }

    /// <summary>The argument-free read that best shows the whole state (names with graph, all, state, read_ or list_ first), or null.</summary>
    public static string? Probe(IReadOnlyList<ToolSpec> tools) => tools
        .Where(t => t.Access == ToolAccess.Read && Required(t).Count == 0)
        .OrderByDescending(t => WholeState().IsMatch(t.Name))
        .ThenBy(t => t.Name, StringComparer.Ordinal)
        .Select(t => t.Name)
        .FirstOrDefault();

    /// <summary>The tool's name as words: <c>create_entities</c> → <c>create entities</c>.</summary>
    public static string Words(string name) => Lower().Replace(name, "$1 $2").Replace('_', ' ').Replace('-', ' ').ToLowerInvariant();

    [GeneratedRegex("^(get|list|search|find|read|open|query|fetch|lookup|look_up|count|show|describe|view|check|track|browse)([_A-Z-]|$)", RegexOptions.IgnoreCase)]
    private static partial Regex ReadVerb();

    [GeneratedRegex("^(create|add|new|insert|register|save|store|put|write|post|make|remember|record)([_A-Z-]|$)", RegexOptions.IgnoreCase)]
    private static partial Regex CreateVerb();

    [GeneratedRegex("^(q|query|search|keyword|keywords|term|text|pattern|filter)$", RegexOptions.IgnoreCase)]
    private static partial Regex QueryName();

    [GeneratedRegex("(graph|all|state|^read_|^list_)", RegexOptions.IgnoreCase)]
    private static partial Regex WholeState();

    [GeneratedRegex("^(path|file|filename|file_path|filepath|source|src|from|destination|dest|target|to|directory|dir|folder)$", RegexOptions.IgnoreCase)]
    private static partial Regex PathName();

    [GeneratedRegex("(director|folder|dir(_|$)|tree|list|search)", RegexOptions.IgnoreCase)]
    private static partial Regex FolderTool();

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex Lower();
}
