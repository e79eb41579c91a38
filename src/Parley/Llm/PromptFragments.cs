using System.Collections.Frozen;
using System.Text.Json.Nodes;
using Parley.Serialization;
using Parley.Text;

namespace Parley.Llm;

/// <summary>
/// A prompt file of named fragments (YAML, key → text): the pieces a role assembles per call (persona lines, the
/// per-turn instruction, repair requests). The file is one <see cref="Prompt"/>, so its hash covers every fragment.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
internal sealed class PromptFragments
{
    private readonly FrozenDictionary<string, string> _texts;

    private PromptFragments(Prompt file, FrozenDictionary<string, string> texts) => (File, _texts) = (file, texts);

    /// <summary>The file, with its name and hash.</summary>
    public Prompt File { get; }

    /// <summary>The fragment <paramref name="key"/>, as written.</summary>
    /// <exception cref="InvalidOperationException">The file has no such fragment (a bug).</exception>
    public string this[string key] =>
        _texts.TryGetValue(key, out var text) ? text : throw new InvalidOperationException($"{File.Name} has no fragment '{key}'");

    /// <summary>The fragment <paramref name="key"/> with its placeholders filled (<see cref="Placeholders.Render"/>).</summary>
    /// <exception cref="InvalidOperationException">No such fragment, or a placeholder without a value.</exception>
    public string Render(string key, IReadOnlyDictionary<string, string> values) => Placeholders.Render(this[key], values, $"{File.Name}:{key}");

    /// <summary>The fragment <paramref name="key"/> with its placeholders filled from name/value pairs.</summary>
    /// <exception cref="InvalidOperationException">No such fragment, or a placeholder without a value.</exception>
    public string Render(string key, params ReadOnlySpan<(string Name, string Value)> values)
    {
        var map = new Dictionary<string, string>(values.Length, StringComparer.Ordinal);
        foreach (var (name, value) in values) map[name] = value;
        return Render(key, map);
    }

    /// <summary>Loads the embedded fragments file <paramref name="name"/>.</summary>
    /// <exception cref="InvalidOperationException">It is not embedded, or not a mapping of keys to strings (a bug).</exception>
    public static PromptFragments Get(string name)
    {
        var file = PromptLibrary.Get(name);
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        if (YamlJson.Parse(file.Text, name) is not JsonObject map) throw new InvalidOperationException($"{name} is not a mapping of fragment names to texts");
        foreach (var (key, node) in map)
        {
            texts[key] = node is JsonValue value && value.TryGetValue<string>(out var text) ? text : throw new InvalidOperationException($"{name}: '{key}' is not a string");
        }
        return new PromptFragments(file, texts.ToFrozenDictionary(StringComparer.Ordinal));
    }
}
