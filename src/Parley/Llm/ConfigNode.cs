using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Parley.Llm;

/// <summary>
/// A node of a YAML configuration file with its dotted key path, so every error names the file, the line and the key.
/// Mappings are strict: <see cref="EnsureOnly"/> rejects keys nobody asked for.
/// </summary>
internal sealed class ConfigNode(string file, string key, YamlNode node)
{
    public string Key { get; } = key;

    public YamlNode Node { get; } = node;

    public int Line => (int)Node.Start.Line;

    public ParleyException Error(string problem) => ParleyException.InvalidConfig(file, Line, Key, problem);

    public bool IsNull => Node is YamlScalarNode { Style: not (YamlDotNet.Core.ScalarStyle.SingleQuoted or YamlDotNet.Core.ScalarStyle.DoubleQuoted) } s
        && (s.Value is null or "" or "~" or "null");

    public IEnumerable<(string Name, ConfigNode Value)> Entries()
    {
        if (Node is not YamlMappingNode map) throw Error($"expected a mapping, got {Describe()}");
        foreach (var (k, v) in map.Children)
        {
            var name = (k as YamlScalarNode)?.Value ?? throw new ConfigNode(file, Key, k).Error("keys must be plain names");
            yield return (name, new ConfigNode(file, Key.Length == 0 ? name : $"{Key}.{name}", v));
        }
    }

    public ConfigNode? Child(string name) => Entries().Where(e => e.Name == name).Select(e => e.Value).FirstOrDefault();

    public void EnsureOnly(params string[] allowed)
    {
        if (Node is not YamlMappingNode map) throw Error($"expected a mapping, got {Describe()}");
        foreach (var key in map.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (!allowed.Contains(name, StringComparer.Ordinal))
            {
                throw ParleyException.InvalidConfig(file, (int)key.Start.Line, Key.Length == 0 ? name : $"{Key}.{name}",
                    $"unknown key; expected one of {string.Join(", ", allowed)}");
            }
        }
    }

    public string String()
    {
        if (Node is not YamlScalarNode { Value: { } value } || IsNull) throw Error($"expected a string, got {Describe()}");
        return value;
    }

    public string OneOf(params string[] values)
    {
        var value = String();
        return values.Contains(value, StringComparer.Ordinal) ? value : throw Error($"expected one of {string.Join(", ", values)}, got '{value}'");
    }

    public double Number(double min, double max)
    {
        var text = Scalar("a number");
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) throw Error($"expected a number, got '{text}'");
        return value >= min && value <= max ? value : throw Error($"expected a number from {Show(min)} to {Show(max)}, got {text}");
    }

    public long Integer(long min, long max)
    {
        var text = Scalar("an integer");
        if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)) throw Error($"expected an integer, got '{text}'");
        return value >= min && value <= max ? value : throw Error($"expected an integer from {Show(min)} to {Show(max)}, got {text}");
    }

    public decimal Price()
    {
        var text = Scalar("a price");
        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value
            : throw Error($"expected a price in dollars per million tokens (a number, 0 or more), got '{text}'");
    }

    public bool Boolean()
    {
        var text = Scalar("true or false");
        return text switch
        {
            "true" or "on" or "yes" => true,
            "false" or "off" or "no" => false,
            _ => throw Error($"expected true or false, got '{text}'"),
        };
    }

    private string Scalar(string expected) =>
        Node is YamlScalarNode { Value: { } value } && !IsNull ? value : throw Error($"expected {expected}, got {Describe()}");

    private string Describe() => Node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        _ when IsNull => "nothing",
        YamlScalarNode s => $"'{s.Value}'",
        _ => "something else",
    };

    private static string Show(double value) => value.ToString(CultureInfo.InvariantCulture);
}
