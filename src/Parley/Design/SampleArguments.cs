using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Environments;
using Parley.Tools;

namespace Parley.Design;

/// <summary>Draws test arguments for a tool from an environment's rows: real ids, enum members, plain defaults.</summary>
internal static class SampleArguments
{
    /// <summary>
    /// Distinct argument sets for <paramref name="tool"/>'s required parameters, best first, at most <paramref name="max"/>.
    /// Each takes one row of a table sharing column names with the parameters (so an id and its neighbours agree; tables
    /// sharing more names first, the first rows of each), then fills the rest from any column of the same name, the
    /// parameter's enum, or a default of its type.
    /// </summary>
    public static IReadOnlyList<JsonElement> Candidates(ToolSpec tool, IReadOnlyDictionary<string, TableData> data, int max = 12)
    {
        var all = Properties(tool.Parameters).ToList();
        var required = Required(tool.Parameters);
        var names = all.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var rows = data.Where(t => t.Value.Rows.Count > 0)
            .Select(t => (Table: t.Value, Matches: t.Value.Columns.Count(names.Contains), t.Key))
            .Where(t => t.Matches > 0).OrderByDescending(t => t.Matches).ThenBy(t => t.Key, StringComparer.Ordinal)
            .SelectMany(t => Enumerable.Range(0, Math.Min(t.Table.Rows.Count, RowsPerTable)).Select(i => (TableData?)(t.Table with { Rows = [t.Table.Rows[i]] })))
            .DefaultIfEmpty(null);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<JsonElement>();
        foreach (var row in rows)
        {
            // The required parameters alone, then with the optional ones this row has values for (a look-up that needs
            // one of several optional keys).
            var arguments = new JsonObject();
            var fuller = new JsonObject();
            foreach (var (name, schema) in all)
            {
                var type = TypeConsistency.TypeOf(schema);
                if (required.Contains(name))
                {
                    var value = Enum(schema) ?? Convert(FromRow(row, name) ?? FromRelated(row, data, name) ?? FromAnyTable(data, name), type) ?? Default(type);
                    arguments[name] = value;
                    fuller[name] = value.DeepClone();
                }
                else if (Convert(FromRow(row, name), type) is { } optional)
                {
                    fuller[name] = optional;
                }
            }
            foreach (var text in new[] { arguments.ToJsonString(), fuller.ToJsonString() })
            {
                if (result.Count < max && seen.Add(text)) result.Add(JsonElement.Parse(text));
            }
        }
        return result;
    }

    private const int RowsPerTable = 4;

    /// <summary>The parameters' properties, in declaration order.</summary>
    public static IEnumerable<(string Name, JsonElement Schema)> Properties(JsonElement parameters) =>
        parameters.ValueKind == JsonValueKind.Object && parameters.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object
            ? p.EnumerateObject().Select(x => (x.Name, x.Value))
            : [];

    private static HashSet<string> Required(JsonElement parameters) =>
        parameters.ValueKind == JsonValueKind.Object && parameters.TryGetProperty("required", out var r) && r.ValueKind == JsonValueKind.Array
            ? [.. r.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!)]
            : [];

    private static object? FromRow(TableData? table, string column)
    {
        if (table is null) return null;
        var i = IndexOf(table, column);
        return i < 0 ? null : table.Rows.Select(r => i < r.Count ? Plain(r[i]) : null).FirstOrDefault(v => v is not null);
    }

    /// <summary>
    /// The value from a row of another table that shares an id with <paramref name="row"/> (one join hop), so a flight
    /// number and a departure date drawn from two tables belong to the same flight.
    /// </summary>
    private static object? FromRelated(TableData? row, IReadOnlyDictionary<string, TableData> data, string column)
    {
        if (row is null) return null;
        foreach (var (_, other) in data.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            var target = IndexOf(other, column);
            if (target < 0 || ReferenceEquals(other.Columns, row.Columns)) continue;
            foreach (var key in row.Columns.Where(c => c.EndsWith("_id", StringComparison.OrdinalIgnoreCase)))
            {
                var mine = FromRow(row, key);
                var theirs = other.Columns.ToList().FindIndex(c => c.Equals(key, StringComparison.OrdinalIgnoreCase));
                if (mine is null || theirs < 0) continue;
                var match = other.Rows.FirstOrDefault(r => theirs < r.Count && Equals(Plain(r[theirs]), mine));
                if (match is not null && target < match.Count && Plain(match[target]) is { } value) return value;
            }
        }
        return null;
    }

    private static object? FromAnyTable(IReadOnlyDictionary<string, TableData> data, string column) =>
        data.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => FromRow(t.Value, column)).FirstOrDefault(v => v is not null);

    /// <summary>The column named <paramref name="parameter"/>, or else one the name ends with (<c>to_account_number</c> → <c>account_number</c>).</summary>
    private static int IndexOf(TableData table, string parameter)
    {
        var suffix = -1;
        for (var i = 0; i < table.Columns.Count; i++)
        {
            var column = table.Columns[i];
            if (column.Equals(parameter, StringComparison.OrdinalIgnoreCase)) return i;
            if (suffix < 0 && parameter.EndsWith("_" + column, StringComparison.OrdinalIgnoreCase) && column.Contains('_', StringComparison.Ordinal)) suffix = i;
        }
        return suffix;
    }

    private static object? Plain(object? value) => value switch
    {
        JsonElement { ValueKind: JsonValueKind.Null } => null,
        JsonElement e => SqlValue.FromClrOrJson(e) is DBNull ? null : SqlValue.FromClrOrJson(e),
        _ => value,
    };

    private static JsonNode? Enum(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array && values.GetArrayLength() > 0
            ? JsonNode.Parse(values[0].GetRawText())
            : null;

    private static JsonNode? Convert(object? value, string? type) => (value, type) switch
    {
        (null, _) => null,
        (long l, "integer" or "number") => JsonValue.Create(l),
        (double d, "number") => JsonValue.Create(d),
        (double d, "integer") when d == Math.Floor(d) => JsonValue.Create((long)d),
        (string s, "integer") when long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => JsonValue.Create(l),
        (string s, "number") when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => JsonValue.Create(d),
        (_, "string" or null) => JsonValue.Create(SqlValue.Text(value)),
        (long l, "boolean") => JsonValue.Create(l != 0),
        _ => null,
    };

    private static JsonNode Default(string? type) => type switch
    {
        "integer" => JsonValue.Create(1L),
        "number" => JsonValue.Create(1.0),
        "boolean" => JsonValue.Create(true),
        "array" => new JsonArray(),
        "object" => new JsonObject(),
        _ => JsonValue.Create("a"),
    };
}
