using System.Text.Json;
using Parley.Environments;
using Parley.Tools;

namespace Parley.Design;

/// <summary>
/// Checks that an entity keeps one canonical type: a name (say <c>user_id</c>) has the same JSON type in every tool's
/// parameters and result schema, and a parameter named after a column has a type the column can hold.
/// </summary>
internal static class TypeConsistency
{
    /// <summary>A name with more than one type across the tools' parameters and result schemas.</summary>
    public static IEnumerable<string> Check(IEnumerable<ToolSpec> tools)
    {
        var seen = new Dictionary<string, List<(string Type, string Where)>>(StringComparer.Ordinal);
        void Add(string name, JsonElement schema, string where)
        {
            if (TypeOf(schema) is not { } type) return;
            if (!seen.TryGetValue(name, out var list)) seen[name] = list = [];
            list.Add((type, where));
        }
        foreach (var tool in tools)
        {
            foreach (var (name, schema) in SampleArguments.Properties(tool.Parameters)) Add(name, schema, $"{tool.Name} parameter");
            if (tool.ResultSchema is not { } result) continue;
            var row = TypeOf(result) == "array" && result.TryGetProperty("items", out var items) ? items : result;
            foreach (var (name, schema) in SampleArguments.Properties(row)) Add(name, schema, $"{tool.Name} result");
        }
        foreach (var (name, uses) in seen.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            if (uses.Select(u => u.Type).Distinct().Count() < 2) continue;
            var listed = string.Join(", ", uses.GroupBy(u => u.Type).Select(g => $"{g.Key} in {string.Join(", ", g.Select(u => u.Where).Distinct())}"));
            yield return $"'{name}' has more than one type ({listed}); give it one canonical type everywhere, inputs included";
        }
    }

    /// <summary>A parameter whose type cannot hold the values of the column of the same name (integer vs text).</summary>
    public static IEnumerable<string> CheckColumns(IEnumerable<ToolSpec> tools, EnvironmentDatabase env)
    {
        var affinity = ColumnAffinities(env);
        foreach (var tool in tools)
        {
            foreach (var (name, schema) in SampleArguments.Properties(tool.Parameters))
            {
                if (!affinity.TryGetValue(name, out var column) || column is null || TypeOf(schema) is not { } type) continue;
                if ((column == "integer" && type == "string") || (column == "text" && type is "integer" or "number"))
                {
                    yield return $"tool '{tool.Name}': parameter '{name}' is {type} but column '{name}' holds {column} values";
                }
            }
        }
    }

    /// <summary>The JSON type a schema declares (a nullable type counts as its non-null type), or null.</summary>
    public static string? TypeOf(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("type", out var type)) return null;
        if (type.ValueKind == JsonValueKind.String) return type.GetString() == "null" ? null : type.GetString();
        if (type.ValueKind != JsonValueKind.Array) return null;
        var types = type.EnumerateArray().Select(t => t.GetString()).Where(t => t is not null and not "null").Distinct().ToList();
        return types.Count == 1 ? types[0] : null;
    }

    /// <summary>Column name → "integer", "real" or "text" (null when tables disagree or the affinity is numeric/blob).</summary>
    /// <remarks>Read from the built database (its schema ran once, in the sandbox), never by running the schema again.</remarks>
    private static Dictionary<string, string?> ColumnAffinities(EnvironmentDatabase env)
    {
        var result = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (_, name, type) in env.Columns)
        {
            var affinity = Affinity(type);
            result[name] = result.TryGetValue(name, out var known) && known != affinity ? null : affinity;
        }
        return result;
    }

    // SQLite's affinity rules (https://sqlite.org/datatype3.html, 3.1), reduced to what a JSON type can conflict with.
    private static string? Affinity(string declared)
    {
        var t = declared.ToUpperInvariant();
        if (t.Contains("INT", StringComparison.Ordinal)) return "integer";
        if (t.Contains("CHAR", StringComparison.Ordinal) || t.Contains("CLOB", StringComparison.Ordinal) || t.Contains("TEXT", StringComparison.Ordinal)) return "text";
        if (t.Contains("REAL", StringComparison.Ordinal) || t.Contains("FLOA", StringComparison.Ordinal) || t.Contains("DOUB", StringComparison.Ordinal)) return "real";
        return null;
    }
}
