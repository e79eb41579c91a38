using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Serialization;

namespace Parley.Mcp;

/// <summary>
/// Hides a connection's temporary scratch folder behind one stable name, <see cref="Root"/>: the folder's real path in
/// what the server answers becomes <c>/workspace</c>, and <c>/workspace</c> in the arguments the agent sends becomes the
/// real path again. Dialogues, probe answers and replays then never depend on where the temporary folder was.
/// </summary>
internal sealed class ScratchPaths
{
    /// <summary>The name the scratch folder goes by in dialogues.</summary>
    public const string Root = "/workspace";

    private readonly string _folder;
    private readonly string[] _spellings;

    /// <summary>For the scratch folder <paramref name="folder"/> (an absolute path).</summary>
    public ScratchPaths(string folder)
    {
        _folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        // A server reports real paths: on systems where the temp folder sits behind a link (/tmp → /private/tmp) both spellings occur.
        _spellings = [.. new[] { _folder, RealPath(_folder) }.Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length)];
    }

    /// <summary>A server's answer with the scratch folder's real path replaced by <see cref="Root"/>.</summary>
    public string FromServer(string text)
    {
        foreach (var spelling in _spellings) text = text.Replace(spelling, Root, StringComparison.Ordinal);
        return text;
    }

    /// <summary>Arguments (a JSON object as text) with every string that is <see cref="Root"/> or under it pointed at the real folder.</summary>
    public string ToServer(string arguments)
    {
        if (!arguments.Contains(Root, StringComparison.Ordinal)) return arguments;
        try
        {
            var node = JsonNode.Parse(arguments);
            return Rewrite(node) is { } rewritten ? rewritten.ToJsonString(PrimitiveJsonContext.Relaxed.Options) : arguments;
        }
        catch (JsonException)
        {
            return arguments;
        }
    }

    private JsonNode? Rewrite(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Select(p => p.Key).ToList()) o[key] = Rewrite(o[key]?.DeepClone());
                return o;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++) a[i] = Rewrite(a[i]?.DeepClone());
                return a;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                var text = v.GetValue<string>();
                return text == Root || text.StartsWith(Root + "/", StringComparison.Ordinal) ? JsonValue.Create(_folder + text[Root.Length..]) : v;
            default:
                return node;
        }
    }

    private static string RealPath(string path)
    {
        var root = Path.GetPathRoot(path) ?? "/";
        var real = root;
        foreach (var part in path[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            real = Path.Combine(real, part);
            var info = new DirectoryInfo(real);
            if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } target) real = Path.GetFullPath(target.FullName);
        }
        return real;
    }
}
