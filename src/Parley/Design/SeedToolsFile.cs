using System.Text.Json;
using Parley.Dialogues;

namespace Parley.Design;

/// <summary>
/// Reads seed tools for a designer: a JSON array of OpenAI function tools, each <c>{"type": "function", "function":
/// {name, description, parameters}}</c> or the bare <c>{name, description, parameters}</c> (an object with a
/// <c>tools</c> array is read the same way).
/// </summary>
internal static class SeedToolsFile
{
    /// <summary>Reads the tools at <paramref name="path"/>.</summary>
    /// <exception cref="ParleyException">The file is missing, not JSON, or a tool is malformed (the message names the file and the tool).</exception>
    public static IReadOnlyList<FunctionDefinition> Load(string path)
    {
        if (!File.Exists(path)) throw ParleyException.NotFound(path, "no such seed tools file");
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses seed tools from <paramref name="json"/>; <paramref name="source"/> names it in errors.</summary>
    public static IReadOnlyList<FunctionDefinition> Parse(string json, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw ParleyException.InvalidFile(source, $"not valid JSON: {e.Message}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("tools", out var wrapped)) root = wrapped;
            if (root.ValueKind != JsonValueKind.Array) throw ParleyException.InvalidFile(source, "expected a JSON array of tools in the OpenAI function format");
            var tools = new List<FunctionDefinition>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (item, i) in root.EnumerateArray().Select((e, i) => (e, i)))
            {
                var tool = Read(item, source, $"tool {i + 1}");
                if (!names.Add(tool.Name)) throw ParleyException.InvalidFile(source, $"tool '{tool.Name}' is listed twice");
                tools.Add(tool);
            }
            if (tools.Count == 0) throw ParleyException.InvalidFile(source, "the tool list is empty");
            return tools;
        }
    }

    private static FunctionDefinition Read(JsonElement item, string source, string where)
    {
        ParleyException Invalid(string problem) => ParleyException.InvalidFile(source, $"{where}: {problem}");
        if (item.ValueKind != JsonValueKind.Object) throw Invalid("expected an object");
        if (item.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() != "function")
        {
            throw Invalid($"type is '{type.GetString()}', expected 'function'");
        }
        var function = item.TryGetProperty("function", out var f) ? f : item;
        if (function.ValueKind != JsonValueKind.Object) throw Invalid("'function' must be an object");
        var name = function.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : "";
        if (name.Length == 0) throw Invalid("missing 'name'");
        where = $"{where} ('{name}')";
        var description = function.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString()! : "";
        if (!function.TryGetProperty("parameters", out var parameters))
        {
            parameters = JsonDocument.Parse("""{"type":"object","properties":{}}""").RootElement.Clone();
        }
        if (parameters.ValueKind != JsonValueKind.Object) throw Invalid("'parameters' must be a JSON Schema object");
        if (parameters.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() != "object")
        {
            throw Invalid($"'parameters' has type '{t.GetString()}', expected 'object'");
        }
        if (parameters.TryGetProperty("properties", out var p) && p.ValueKind != JsonValueKind.Object) throw Invalid("'parameters.properties' must be an object");
        return new FunctionDefinition(name, description, parameters.Clone());
    }
}
