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
        var spec = env.Spec;
        var text = new StringBuilder();
        text.Append("## Domain\n\n").Append(spec.Description.Trim()).Append($"\n\nToday is {spec.Today}.\n\n");
        if (spec.Policy.Length > 0) text.Append("## The assistant's policy\n\n").Append(spec.Policy.Trim()).Append("\n\n");
        text.Append("## Tools\n\n");
        foreach (var tool in env.Tools.Tools)
        {
            var access = tool.Access == ToolAccess.Write ? "write" : "read";
            var returns = tool.Returns switch { ToolReturns.One => "one record", ToolReturns.Many => "a list", _ => "a status" };
            text.Append($"- {tool.Name} ({access}, returns {returns}): {tool.Description.Trim()}\n  parameters: {JsonSerializer.Serialize(tool.Parameters, PrimitiveJsonContext.Default.JsonElement)}\n");
        }
        text.Append("\n## The customer\n\n");
        if (sample.Principal.Count == 0)
        {
            text.Append("Any customer of the domain; choose one from the rows.\n\n");
        }
        else
        {
            var knows = spec.Principal?.Knows ?? [];
            text.Append(new JsonObject(sample.Principal.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value)))).ToJsonString(Readable)).Append('\n');
            text.Append(knows.Count == 0 ? "They know none of these details; they must come from the tools.\n\n"
                : $"They know their own {string.Join(", ", knows)}; everything else about them must come from the tools.\n\n");
        }
        text.Append("## Rows (a limited view: this customer's records first, then a few others)\n\n");
        foreach (var (table, data) in env.Data.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            var rows = sample.Rows.GetValueOrDefault(table) ?? [];
            text.Append($"### {table} ({rows.Count} of {data.Rows.Count} rows{(rows.Count == 0 && data.Rows.Count > 0 ? "; none of them this customer's" : "")})\n");
            if (rows.Count == 0) text.Append($"columns: {string.Join(", ", data.Columns)}\n");
            foreach (var row in rows) text.Append(Row(data.Columns, row)).Append('\n');
            text.Append('\n');
        }
        text.Append($"## Request\n\nPlan {count} task{(count == 1 ? "" : "s")} for this customer. Reply with the JSON object only.");
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
