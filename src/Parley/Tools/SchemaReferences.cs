using System.Text.Json;

namespace Parley.Tools;

/// <summary>
/// Checks the <c>$ref</c>s of a tool's parameter schema before it is compiled: only local references (<c>#</c> or a
/// JSON pointer below it) to something that exists, and no cycle, since evaluating a schema that refers to itself
/// recurses without end.
/// </summary>
internal static class SchemaReferences
{
    // Keeps the cycle search (quadratic, recursive) small; real tool schemas hold a handful.
    private const int MaxReferences = 500;

    /// <summary>The first problem found, or null when every reference is local, resolves and leads to no cycle.</summary>
    public static string? Check(JsonElement schema)
    {
        var references = new List<(string At, string Target)>();
        Collect(schema, "", references);
        if (references.Count == 0) return null;
        if (references.Count > MaxReferences) return $"more than {MaxReferences} $refs";
        foreach (var (at, target) in references)
        {
            if (target != "#" && !target.StartsWith("#/", StringComparison.Ordinal)) return $"$ref '{target}' at '{At(at)}' is not a local reference ('#' or '#/...')";
            if (Resolve(schema, target[1..]) is null) return $"$ref '{target}' at '{At(at)}' points at nothing";
        }
        // A reference leads to every reference inside the subtree it points at; a cycle in that graph never ends.
        var edges = references.ToDictionary(r => r.At, r => references.Where(o => IsWithin(o.At, r.Target[1..])).Select(o => o.At).ToList(), StringComparer.Ordinal);
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false: on the path, true: done
        foreach (var (at, _) in references)
        {
            if (FindCycle(at, edges, state) is { } cycle) return $"$ref at '{At(cycle)}' refers back to itself; recursive parameter schemas are not supported";
        }
        return null;
    }

    private static string? FindCycle(string node, Dictionary<string, List<string>> edges, Dictionary<string, bool> state)
    {
        if (state.TryGetValue(node, out var done)) return done ? null : node;
        state[node] = false;
        foreach (var next in edges[node])
        {
            if (FindCycle(next, edges, state) is { } cycle) return cycle;
        }
        state[node] = true;
        return null;
    }

    private static void Collect(JsonElement element, string pointer, List<(string, string)> references)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name == "$ref" && property.Value.ValueKind == JsonValueKind.String) references.Add((pointer, property.Value.GetString()!));
                Collect(property.Value, pointer + "/" + Escape(property.Name), references);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in element.EnumerateArray()) Collect(item, pointer + "/" + i++, references);
        }
    }

    private static JsonElement? Resolve(JsonElement root, string pointer)
    {
        var current = root;
        foreach (var raw in pointer.Split('/').Skip(1))
        {
            var token = Uri.UnescapeDataString(raw).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(token, out var child)) current = child;
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(token, out var index) && index >= 0 && index < current.GetArrayLength()) current = current[index];
            else return null;
        }
        return current;
    }

    private static bool IsWithin(string pointer, string subtree) =>
        subtree.Length == 0 || pointer == subtree || pointer.StartsWith(subtree + "/", StringComparison.Ordinal);

    private static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static string At(string pointer) => "#" + pointer;
}
