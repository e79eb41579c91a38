using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Tools;

namespace Parley.Environments;

/// <summary>Draws test arguments for a tool from an environment's rows: real ids, enum members, plain defaults.</summary>
internal static class SampleArguments
{
    /// <summary>
    /// Arguments for <paramref name="tool"/>'s required parameters. Values come from one row of the table sharing the
    /// most column names with the parameters (so an id and its neighbour agree), then from any column of the same
    /// name, then from the parameter's enum, then a default of its type.
    /// </summary>
    public static JsonElement For(ToolSpec tool, IReadOnlyDictionary<string, TableData> data)
    {
        var properties = Properties(tool.Parameters).ToList();
        var required = Required(tool.Parameters);
        var names = properties.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var best = data.Where(t => t.Value.Rows.Count > 0)
            .Select(t => (Table: t.Value, Matches: t.Value.Columns.Count(names.Contains), t.Key))
            .Where(t => t.Matches > 0).OrderByDescending(t => t.Matches).ThenBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => t.Table).FirstOrDefault();
        var arguments = new JsonObject();
        foreach (var (name, schema) in properties.Where(p => required.Contains(p.Name)))
        {
            var type = TypeConsistency.TypeOf(schema);
            arguments[name] = Enum(schema) ?? Convert(FromRow(best, name) ?? FromAnyTable(data, name), type) ?? Default(type);
        }
        return JsonElement.Parse(arguments.ToJsonString());
    }

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

    private static object? FromAnyTable(IReadOnlyDictionary<string, TableData> data, string column) =>
        data.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => FromRow(t.Value, column)).FirstOrDefault(v => v is not null);

    private static int IndexOf(TableData table, string column)
    {
        for (var i = 0; i < table.Columns.Count; i++)
        {
            if (table.Columns[i].Equals(column, StringComparison.OrdinalIgnoreCase)) return i;
        }
        return -1;
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
