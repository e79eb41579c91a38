using System.Globalization;
using System.Text.Json;
using Parley.Environments;
using Parley.Serialization;
using Parley.Tools;

namespace Parley.Imports;

/// <summary>Flattens a JSON document into a table's rows by a <see cref="TableMapping"/>'s paths.</summary>
internal static class JsonRows
{
    public static TableData Of(JsonElement root, TableMapping mapping)
    {
        var rows = new List<IReadOnlyList<object?>>();
        foreach (var (element, trail) in Walk(root, mapping.Rows.Split('.'), 0, []))
        {
            rows.Add([.. mapping.Columns.Select(c => Value(element, trail, c.Value))]);
        }
        return new TableData([.. mapping.Columns.Select(c => c.Key)], rows);
    }

    // Every element the path reaches, with the elements and keys its '*' steps matched on the way.
    private static IEnumerable<(JsonElement Element, List<(JsonElement Element, string Key)> Trail)> Walk(JsonElement at, string[] steps, int i, List<(JsonElement, string)> trail)
    {
        if (i == steps.Length)
        {
            yield return (at, trail);
            yield break;
        }
        if (steps[i] != "*")
        {
            if (at.ValueKind == JsonValueKind.Object && at.TryGetProperty(steps[i], out var next))
            {
                foreach (var x in Walk(next, steps, i + 1, trail)) yield return x;
            }
            yield break;
        }
        var children = at.ValueKind switch
        {
            JsonValueKind.Object => at.EnumerateObject().Select(p => (p.Value, p.Name)).ToList(),
            JsonValueKind.Array => at.EnumerateArray().Select((e, n) => (e, n.ToString(CultureInfo.InvariantCulture))).ToList(),
            _ => [],
        };
        foreach (var (child, key) in children)
        {
            foreach (var x in Walk(child, steps, i + 1, [.. trail, (child, key)])) yield return x;
        }
    }

    private static object? Value(JsonElement element, List<(JsonElement Element, string Key)> trail, string path)
    {
        if (path == "$key") return trail.Count == 0 ? null : long.TryParse(trail[^1].Key, CultureInfo.InvariantCulture, out var index) ? index : trail[^1].Key;
        var level = trail.Count - 1;
        while (path.StartsWith("^.", StringComparison.Ordinal))
        {
            level--;
            path = path[2..];
        }
        var at = level == trail.Count - 1 ? element : level >= 0 ? trail[level].Element : default;
        foreach (var step in path.Split('.'))
        {
            if (at.ValueKind != JsonValueKind.Object || !at.TryGetProperty(step, out at)) return null;
        }
        return at.ValueKind switch
        {
            JsonValueKind.Object or JsonValueKind.Array => JsonSerializer.Serialize(at, PrimitiveJsonContext.Default.JsonElement),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => SqlValue.FromClrOrJson(at) is DBNull ? null : SqlValue.FromClrOrJson(at),
        };
    }
}
