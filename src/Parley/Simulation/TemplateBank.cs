using System.Collections.Frozen;
using System.Text.Json.Nodes;
using Parley.Determinism;
using Parley.Serialization;
using Parley.Text;

namespace Parley.Simulation;

/// <summary>
/// Phrase banks the rule-based roles word their turns with (embedded <c>Templates/*.yaml</c>): each key holds a list
/// of phrasings, optionally split by persona style. Choices come from the caller's seeded generator.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
internal sealed class TemplateBank
{
    private readonly FrozenDictionary<string, FrozenDictionary<string, string[]>> _entries;

    private TemplateBank(FrozenDictionary<string, FrozenDictionary<string, string[]>> entries) => _entries = entries;

    /// <summary>The user simulator's phrases.</summary>
    public static TemplateBank User { get; } = Load("user.yaml");

    /// <summary>The rule-based agent's phrases.</summary>
    public static TemplateBank Agent { get; } = Load("agent.yaml");

    /// <summary>Parses a bank from YAML text.</summary>
    public static TemplateBank Parse(string yaml, string source)
    {
        var root = YamlJson.Parse(yaml, source) as JsonObject ?? throw ParleyException.InvalidFile(source, "expected a mapping of keys to phrase lists");
        var entries = new Dictionary<string, FrozenDictionary<string, string[]>>(StringComparer.Ordinal);
        foreach (var (key, node) in root)
        {
            var styles = new Dictionary<string, string[]>(StringComparer.Ordinal);
            switch (node)
            {
                case JsonArray list:
                    styles[""] = Strings(list);
                    break;
                case JsonObject byStyle:
                    foreach (var (style, list) in byStyle) styles[style] = Strings(list as JsonArray ?? throw ParleyException.InvalidFile(source, $"{key}.{style}: expected a list"));
                    styles[""] = [.. styles.Values.SelectMany(v => v)];
                    break;
                default:
                    throw ParleyException.InvalidFile(source, $"{key}: expected a list or a mapping of styles");
            }
            entries[key] = styles.ToFrozenDictionary(StringComparer.Ordinal);
        }
        return new TemplateBank(entries.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>True when the bank has <paramref name="key"/>.</summary>
    public bool Has(string key) => _entries.ContainsKey(key);

    /// <summary>A phrasing of <paramref name="key"/> in <paramref name="style"/> (or any style), with <c>{name}</c> slots filled.</summary>
    public string Say(string key, string style, SeededRandom rng, params ReadOnlySpan<(string Name, string Value)> slots)
    {
        if (!_entries.TryGetValue(key, out var styles)) throw new InvalidOperationException($"template key '{key}' is missing");
        var options = styles.TryGetValue(style, out var s) ? s : styles[""];
        var given = slots.ToArray();
        return Placeholders.Substitute(options[rng.Next(options.Length)], name => Array.Find(given, s => s.Name == name).Value);
    }

    private static string[] Strings(JsonArray list) => [.. list.Select(n => n?.ToString() ?? "")];

    private static TemplateBank Load(string name) => Parse(EmbeddedResources.Read("Parley.Templates/" + name), name);
}
