using System.Text.Json;

namespace Parley.Mcp;

/// <summary>
/// Reads what a server's tree-shaped answer lists: <c>[{"name", "type": "file"|"directory", "children": [...]}]</c>,
/// bare or as JSON text inside a one-field object (<c>{"content": "[...]"}</c>), as relative paths.
/// </summary>
internal static class McpTree
{
    /// <summary>The folders and files the answer lists (paths with <c>/</c>, sorted), or null when it is not a tree.</summary>
    public static (IReadOnlyList<string> Folders, IReadOnlyList<string> Files)? Parse(string content)
    {
        if (Inner(content) is not { ValueKind: JsonValueKind.Array } root) return null;
        var folders = new List<string>();
        var files = new List<string>();
        if (!Walk(root, "", folders, files)) return null;
        folders.Sort(StringComparer.Ordinal);
        files.Sort(StringComparer.Ordinal);
        return (folders, files);
    }

    /// <summary>
    /// The JSON a result carries: a one-field object whose field is JSON text is read as that JSON (servers that put
    /// structured text in <c>structuredContent</c>); anything else as it is; null when it is not JSON.
    /// </summary>
    public static JsonElement? Inner(string content)
    {
        try
        {
            var root = JsonElement.Parse(content);
            if (root.ValueKind == JsonValueKind.Object && root.EnumerateObject().Count() == 1 && root.EnumerateObject().First().Value is { ValueKind: JsonValueKind.String } text
                && text.GetString()!.TrimStart() is { Length: > 0 } inner && inner[0] is '[' or '{')
            {
                try
                {
                    return JsonElement.Parse(inner);
                }
                catch (JsonException)
                {
                    return root;
                }
            }
            return root;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The text a result carries: the string of a one-field object, else the content itself.</summary>
    public static string Text(string content)
    {
        try
        {
            var root = JsonElement.Parse(content);
            return root.ValueKind == JsonValueKind.Object && root.EnumerateObject().Count() == 1 && root.EnumerateObject().First().Value is { ValueKind: JsonValueKind.String } text
                ? text.GetString()! : content;
        }
        catch (JsonException)
        {
            return content;
        }
    }

    private static bool Walk(JsonElement entries, string prefix, List<string> folders, List<string> files)
    {
        foreach (var entry in entries.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String) return false;
            var path = prefix + name.GetString();
            var isFolder = entry.TryGetProperty("children", out var children) && children.ValueKind == JsonValueKind.Array
                || entry.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() is "directory" or "dir" or "folder";
            if (!isFolder)
            {
                files.Add(path);
                continue;
            }
            folders.Add(path);
            if (children.ValueKind == JsonValueKind.Array && !Walk(children, path + "/", folders, files)) return false;
        }
        return true;
    }
}
