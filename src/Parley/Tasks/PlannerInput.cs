using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Environments;
using Parley.Serialization;
using Parley.Tools;

namespace Parley.Tasks;

/// <summary>Writes what the planner model reads after its instructions: domain, policy, tools, the user, the rows, and the request.</summary>
internal static class PlannerInput
{
    private const int MaxCellChars = 160;

    // Rows are shown as people write them: accents and symbols unescaped.
    private static readonly JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Render(EnvironmentDatabase env, RowSample sample, int count)
    {
        var f = LlmTaskPlanner.Fragments;
        var spec = env.Spec;
        var text = new StringBuilder();
        text.Append(f.Render("input_domain", ("description", spec.Description.Trim()), ("today", spec.Today)));
        if (spec.Policy.Length > 0) text.Append(f.Render("input_policy", ("policy", spec.Policy.Trim())));
        text.Append(f["input_tools"]);
        foreach (var tool in env.Tools.Tools)
        {
            var access = f[tool.Access == ToolAccess.Write ? "access_write" : "access_read"];
            var returns = f[tool.Returns switch { ToolReturns.One => "returns_one", ToolReturns.Many => "returns_many", _ => "returns_status" }];
            text.Append(f.Render("input_tool", ("name", tool.Name), ("access", access), ("returns", returns), ("description", tool.Description.Trim()),
                ("parameters", JsonSerializer.Serialize(tool.Parameters, PrimitiveJsonContext.Default.JsonElement))));
        }
        text.Append(f["input_customer"]);
        if (sample.Principal.Count == 0)
        {
            text.Append(f["input_any_customer"]);
        }
        else
        {
            var knows = spec.Principal?.Knows ?? [];
            text.Append(f.Render("input_principal", ("principal", new JsonObject(sample.Principal.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value)))).ToJsonString(Readable))));
            text.Append(knows.Count == 0 ? f["input_knows_nothing"] : f.Render("input_knows", ("knows", string.Join(", ", knows))));
        }
        text.Append(f["input_rows"]);
        foreach (var (table, data) in env.Data.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            var rows = sample.Rows.GetValueOrDefault(table) ?? [];
            var header = rows.Count == 0 && data.Rows.Count > 0 ? "input_table_none_theirs" : "input_table";
            text.Append(f.Render(header, ("table", table), ("row_count", rows.Count.ToString(CultureInfo.InvariantCulture)), ("total", data.Rows.Count.ToString(CultureInfo.InvariantCulture))));
            if (rows.Count == 0) text.Append(f.Render("input_columns", ("columns", string.Join(", ", data.Columns))));
            foreach (var row in rows) text.Append(Row(data.Columns, row)).Append('\n');
            text.Append('\n');
        }
        text.Append(count == 1 ? f["input_request_one"] : f.Render("input_request", ("count", count.ToString(CultureInfo.InvariantCulture))));
        return text.ToString();
    }

    private static string Row(IReadOnlyList<string> columns, IReadOnlyList<object?> values)
    {
        var row = new JsonObject();
        for (var c = 0; c < columns.Count; c++)
        {
            row[columns[c]] = (c < values.Count ? values[c] : null) switch
            {
                null => null,
                long l => JsonValue.Create(l),
                double d => JsonValue.Create(d),
                string s => JsonValue.Create(s.Length > MaxCellChars ? s[..MaxCellChars] + "…" : s),
                var other => JsonValue.Create(SqlValue.Text(other)),
            };
        }
        return row.ToJsonString(Readable);
    }
}
