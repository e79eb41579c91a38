using System.Collections.Frozen;
using System.Text.RegularExpressions;
using Json.Schema;
using Parley.Dialogues;

namespace Parley.Tools;

/// <summary>
/// The tools of one environment, looked up by name, with their argument schemas compiled once.
/// </summary>
/// <remarks>Immutable and thread-safe: one catalog serves every dialogue of an environment.</remarks>
public sealed partial class ToolCatalog
{
    private readonly FrozenDictionary<string, FrozenSet<string>> _tables;
    private readonly FrozenDictionary<string, FrozenSet<string>> _written;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string, string), ToolResult?> _validated = new();
    private const int MaxValidated = 50_000;
    private readonly FrozenDictionary<string, ToolSpec> _byName;
    private readonly FrozenDictionary<string, JsonSchema> _schemas;

    /// <summary>
    /// Builds the catalog; throws <see cref="ParleyException"/> on a duplicate name, an invalid schema (including a
    /// non-local or cyclic <c>$ref</c>) or a parameter named like a value the environment binds itself (<c>today</c>).
    /// </summary>
    public ToolCatalog(IReadOnlyList<ToolSpec> tools)
    {
        Tools = tools;
        var byName = new Dictionary<string, ToolSpec>(StringComparer.Ordinal);
        var schemas = new Dictionary<string, JsonSchema>(StringComparer.Ordinal);
        foreach (var tool in tools)
        {
            if (!byName.TryAdd(tool.Name, tool))
            {
                throw ParleyException.InvalidEnvironment($"tool '{tool.Name}' is declared twice");
            }
            if (SchemaReferences.Check(tool.Parameters) is { } problem)
            {
                throw ParleyException.InvalidEnvironment($"tool '{tool.Name}' has an invalid parameters schema: {problem}");
            }
            if (tool.Parameters.ValueKind == System.Text.Json.JsonValueKind.Object && tool.Parameters.TryGetProperty("properties", out var declared)
                && declared.ValueKind == System.Text.Json.JsonValueKind.Object && declared.TryGetProperty(SqlToolExecutor.Today, out _))
            {
                throw ParleyException.InvalidEnvironment($"tool '{tool.Name}' declares a parameter '{SqlToolExecutor.Today}', which the environment binds itself; rename it");
            }
            try
            {
                schemas[tool.Name] = JsonSchema.Build(tool.Parameters);
            }
            catch (Exception e) when (e is not ParleyException)
            {
                throw ParleyException.InvalidEnvironment($"tool '{tool.Name}' has an invalid parameters schema: {e.Message}");
            }
        }
        _byName = byName.ToFrozenDictionary(StringComparer.Ordinal);
        _schemas = schemas.ToFrozenDictionary(StringComparer.Ordinal);
        Definitions = [.. tools.Select(t => new ToolDefinition(new FunctionDefinition(t.Name, t.Description, t.Parameters)))];
        _tables = tools.ToFrozenDictionary(t => t.Name, t => t.Sql.Concat(t.Preconditions.Select(p => p.Sql))
            .SelectMany(sql => TableName().Matches(sql).Select(m => m.Groups["table"].Value.ToLowerInvariant())).ToFrozenSet(), StringComparer.Ordinal);
        _written = tools.ToFrozenDictionary(t => t.Name, t => t.Sql
            .SelectMany(sql => WrittenTable().Matches(sql).Select(m => m.Groups["table"].Value.ToLowerInvariant())).ToFrozenSet(), StringComparer.Ordinal);
    }

    /// <summary>The tables a tool's SQL changes (the targets of INSERT, UPDATE, DELETE and REPLACE), lower-cased.</summary>
    public IReadOnlySet<string> TablesWrittenBy(string name) => _written.TryGetValue(name, out var tables) ? tables : FrozenSet<string>.Empty;

    /// <summary>The tables a tool's SQL names (reads and writes), lower-cased.</summary>
    public IReadOnlySet<string> TablesOf(string name) => _tables.TryGetValue(name, out var tables) ? tables : FrozenSet<string>.Empty;

    /// <summary>The tools in declaration order.</summary>
    public IReadOnlyList<ToolSpec> Tools { get; }

    /// <summary>The tools in the OpenAI <c>tools</c> format.</summary>
    public IReadOnlyList<ToolDefinition> Definitions { get; }

    /// <summary>Finds a tool by name.</summary>
    public bool TryGet(string name, out ToolSpec tool) => _byName.TryGetValue(name, out tool!);

    [GeneratedRegex(@"\b(?:FROM|JOIN|INTO|UPDATE)\s+[""`\[]?(?<table>\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex TableName();

    [GeneratedRegex(@"\b(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM)\s+[""`\[]?(?<table>\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex WrittenTable();

    /// <summary>Memoises a pure validation of (tool, arguments); bounded, so memory stays flat on long runs.</summary>
    internal ToolResult? Validated(string name, string arguments, Func<ToolCatalog, string, string, ToolResult?> validate)
    {
        if (_validated.TryGetValue((name, arguments), out var known)) return known;
        var result = validate(this, name, arguments);
        if (_validated.Count >= MaxValidated) _validated.Clear();
        _validated.TryAdd((name, arguments), result);
        return result;
    }

    /// <summary>The compiled argument schema of a tool.</summary>
    public JsonSchema SchemaOf(string name) => _schemas[name];
}
