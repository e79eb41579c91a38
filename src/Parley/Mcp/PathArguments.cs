using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Determinism;
using Parley.Tools;

namespace Parley.Mcp;

/// <summary>
/// Path-aware arguments for a server that works on files: every path is relative to the allowed root and chosen from
/// what the state probe listed (an existing file or folder to read, edit or move; a new name inside an existing folder
/// to write or create), file text from small word lists, an edit's old text a real line of the file.
/// </summary>
internal static class PathArguments
{
    private static readonly string[] NewFiles = ["shopping-list.md", "reading-list.md", "budget.txt", "packing.md", "contacts.txt", "gift-ideas.txt", "weekly-review.md", "recipes.md"];
    private static readonly string[] NewFolders = ["receipts", "photos", "drafts", "invoices", "old-notes", "2025"];
    private static readonly string[] Items = ["oat milk", "basil", "coffee beans", "a new kettle", "stamps", "batteries", "The Left Hand of Darkness", "Middlemarch", "train tickets", "sunscreen", "a phone charger", "rent: 950", "groceries: 320", "transport: 60"];
    private static readonly string[] Titles = ["Shopping list", "Reading list", "Budget", "Packing list", "Notes", "Weekly review"];

    /// <summary>The arguments for <paramref name="tool"/> on the state <paramref name="state"/>; null when a required one cannot be filled.</summary>
    public static PathCall? For(ToolSpec tool, McpSnapshot state, SeededRandom rng)
    {
        var required = McpToolShapes.Required(tool);
        var arguments = new JsonObject();
        string? file = null;
        string? written = null;
        string? check = null;
        var checkFolder = false;
        string? expect = null;
        var edits = required.Any(r => IsEdits(tool, r));
        // Paths first: the text of an edit depends on the file chosen.
        foreach (var name in required.OrderBy(r => McpToolShapes.IsPath(r) ? 0 : 1))
        {
            var schema = McpToolShapes.Property(tool, name);
            var type = McpToolShapes.TypeOf(schema);
            var lower = name.ToLowerInvariant();
            if (McpToolShapes.IsPath(name) && type == "string")
            {
                var path = (tool.Access, lower) switch
                {
                    (ToolAccess.Write, "source" or "src" or "from") => file = Existing(state.Files.Keys, rng, prose: false),
                    (ToolAccess.Write, "destination" or "dest" or "target" or "to") => NewFile(state, rng, file),
                    (ToolAccess.Write, _) when edits => file = Existing(state.Files.Keys, rng, prose: true),
                    (ToolAccess.Write, _) when McpToolShapes.WorksOnFolders(tool) => NewFolder(state, rng),
                    (ToolAccess.Write, _) => NewFile(state, rng, null),
                    (_, _) when McpToolShapes.WorksOnFolders(tool) => Folder(state, rng),
                    _ => file = Existing(state.Files.Keys, rng, prose: false),
                };
                if (path is null) return null;
                arguments[name] = path;
                if (tool.Access != ToolAccess.Write) continue;
                if (lower is "source" or "src" or "from") continue;
                written = path;
            }
            else if (type == "array" && McpToolShapes.IsPath(Singular(name)))
            {
                var files = state.Files.Keys.Order(StringComparer.Ordinal).ToList();
                if (files.Count < 2) return null;
                var first = rng.Next(files.Count);
                var second = (first + 1 + rng.Next(files.Count - 1)) % files.Count;
                arguments[name] = new JsonArray(files[first], files[second]);
            }
            else if (type == "string" && lower is "content" or "text" or "body" or "data")
            {
                arguments[name] = expect = Note(rng);
            }
            else if (type == "string" && lower is "pattern" or "glob" or "query")
            {
                if (Existing(state.Files.Keys, rng, prose: false) is not { } sample) return null;
                arguments[name] = "**/*" + Path.GetExtension(sample);
            }
            else if (IsEdits(tool, name))
            {
                if (file is null || !state.Files.TryGetValue(file, out var text) || Edit(schema, text, rng) is not { } edit) return null;
                arguments[name] = new JsonArray(edit.Edit);
                expect = edit.Replaced;
            }
            else
            {
                arguments[name] = ArgumentSynthesizer.Value(schema, name, rng);
            }
        }
        if (written is not null)
        {
            var folderWrite = McpToolShapes.WorksOnFolders(tool) && !edits;
            check = folderWrite ? Parent(written) : written;
            checkFolder = folderWrite;
            if (folderWrite) expect = Path.GetFileName(written);
            // A move keeps the text: reading the destination must give the source's.
            else if (expect is null && file is not null && state.Files.TryGetValue(file, out var moved)) expect = FirstLine(moved);
        }
        return new PathCall(arguments, check, checkFolder, expect);
    }

    private static bool IsEdits(ToolSpec tool, string name) =>
        McpToolShapes.Property(tool, name) is var schema && McpToolShapes.TypeOf(schema) == "array"
        && schema.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Object && items.TryGetProperty("properties", out var fields) && fields.ValueKind == JsonValueKind.Object
        && fields.EnumerateObject().Any(f => f.Name.StartsWith("old", StringComparison.OrdinalIgnoreCase)) && fields.EnumerateObject().Any(f => f.Name.StartsWith("new", StringComparison.OrdinalIgnoreCase));

    /// <summary>One edit of a real line of <paramref name="text"/>: a box ticked, or a line with a note added.</summary>
    private static (JsonObject Edit, string Replaced)? Edit(JsonElement schema, string text, SeededRandom rng)
    {
        var lines = text.Split('\n').Where(l => l.Trim().Length > 3 && !l.StartsWith('#') && text.Split(l).Length == 2).ToList();
        if (lines.Count == 0) return null;
        var line = rng.Pick(lines);
        var replaced = line.Contains("[ ]", StringComparison.Ordinal) ? line.Replace("[ ]", "[x]", StringComparison.Ordinal) : line + " (checked " + rng.Pick<string>(["on Monday", "today", "with Sam", "twice"]) + ")";
        var fields = schema.GetProperty("items").GetProperty("properties").EnumerateObject().Select(f => f.Name).ToList();
        return (new JsonObject
        {
            [fields.First(f => f.StartsWith("old", StringComparison.OrdinalIgnoreCase))] = line,
            [fields.First(f => f.StartsWith("new", StringComparison.OrdinalIgnoreCase))] = replaced,
        }, replaced);
    }

    private static string? Existing(IEnumerable<string> files, SeededRandom rng, bool prose)
    {
        var all = files.Order(StringComparer.Ordinal).ToList();
        var preferred = prose ? all.Where(f => Path.GetExtension(f) is ".md" or ".txt").ToList() : all;
        return preferred.Count > 0 ? rng.Pick(preferred) : all.Count > 0 ? rng.Pick(all) : null;
    }

    private static string Folder(McpSnapshot state, SeededRandom rng) => rng.Pick<string>([".", .. state.Folders.Order(StringComparer.Ordinal)]);

    private static string? NewFile(McpSnapshot state, SeededRandom rng, string? moving)
    {
        var folders = state.Folders.Order(StringComparer.Ordinal).ToList();
        if (moving is not null)
        {
            // A move goes to another folder under the same name, or is a rename in place.
            var elsewhere = folders.Where(f => f != Parent(moving) && !state.Files.ContainsKey(f + "/" + Path.GetFileName(moving))).ToList();
            return elsewhere.Count > 0 ? rng.Pick(elsewhere) + "/" + Path.GetFileName(moving) : Fresh(state, Parent(moving), [Path.GetFileNameWithoutExtension(moving) + "-old" + Path.GetExtension(moving)]);
        }
        return Fresh(state, rng.Pick<string>(["", .. folders]), [.. NewFiles.OrderBy(_ => rng.Next(1000))]);
    }

    private static string? NewFolder(McpSnapshot state, SeededRandom rng) =>
        Fresh(state, rng.Pick<string>(["", .. state.Folders.Order(StringComparer.Ordinal)]), [.. NewFolders.OrderBy(_ => rng.Next(1000))]);

    private static string? Fresh(McpSnapshot state, string folder, IEnumerable<string> names) =>
        names.Select(n => folder is "" or "." ? n : folder + "/" + n).FirstOrDefault(p => !state.Files.ContainsKey(p) && !state.Folders.Contains(p));

    private static string Note(SeededRandom rng)
    {
        var items = Items.OrderBy(_ => rng.Next(1000)).Take(3).ToList();
        return $"# {rng.Pick(Titles)}\n- {items[0]}\n- {items[1]}\n- {items[2]}\n";
    }

    private static string Parent(string path) => Path.GetDirectoryName(path) is { Length: > 0 } parent ? parent.Replace('\\', '/') : ".";

    private static string FirstLine(string text) => text.Split('\n')[0];

    private static string Singular(string name) => name.EndsWith('s') && name.Length > 1 ? name[..^1] : name;
}
