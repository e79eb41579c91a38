using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Parley.Serialization;

/// <summary>
/// Reads YAML into a JSON tree, so YAML declarations and JSON artifacts deserialise into the same records.
/// Plain scalars become numbers, booleans or null where they read as such; quoted scalars stay strings.
/// </summary>
internal static class YamlJson
{
    /// <summary>Parses one YAML document; throws <see cref="ParleyException"/> with the line on a syntax error.</summary>
    public static JsonNode? Parse(string yaml, string source)
    {
        var stream = new YamlStream();
        var parser = new Parser(new StringReader(yaml));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            throw ParleyException.InvalidFile(source, $"line {e.Start.Line}, column {e.Start.Column}: {e.InnerException?.Message ?? e.Message}");
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet reports some malformed documents (an unclosed flow sequence) this way; the parser knows where it was.
            var at = parser.Current?.Start;
            throw ParleyException.InvalidFile(source, at is { } mark ? $"line {mark.Line}, column {mark.Column}: malformed YAML ({e.Message})" : $"malformed YAML: {e.Message}");
        }
        return stream.Documents.Count == 0 ? null : Convert(stream.Documents[0].RootNode);
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv =>
            KeyValuePair.Create(((YamlScalarNode)kv.Key).Value ?? "", Convert(kv.Value)))),
        YamlSequenceNode seq => new JsonArray([.. seq.Children.Select(Convert)]),
        YamlScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is not ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }
        return text switch
        {
            "" or "~" or "null" => null,
            "true" => JsonValue.Create(true),
            "false" => JsonValue.Create(false),
            _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => JsonValue.Create(l),
            _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) && !text.Contains('_') => JsonValue.Create(d),
            _ => JsonValue.Create(text),
        };
    }
}
