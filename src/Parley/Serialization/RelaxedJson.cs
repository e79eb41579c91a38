using System.Text.Encodings.Web;
using System.Text.Json;

namespace Parley.Serialization;

/// <summary>
/// JSON settings for text a model sees (tool results, tool-call arguments, tool lists in prompts and exports) and for the
/// run's files: only what JSON itself requires is escaped, so <c>'</c>, <c>&amp;</c>, <c>+</c>, <c>&lt;</c> and
/// non-ASCII letters reach training text as themselves, never as literal <c>\u0027</c>-style escapes.
/// </summary>
/// <remarks>
/// The default encoder escapes HTML-sensitive and non-ASCII characters, which is right for a web page and wrong for
/// training data: a model trained on <c>Let\u0027s</c> learns to write it. Nothing Parley writes is embedded in HTML
/// unescaped (the report encodes its data itself).
/// </remarks>
internal static class RelaxedJson
{
    /// <summary>The encoder: escapes only quotes, backslashes and control characters (and lone surrogates).</summary>
    public static JavaScriptEncoder Encoder => MinimalJsonEncoder.Instance;

    /// <summary>Options for <see cref="System.Text.Json.Nodes.JsonNode.ToJsonString"/> and reflection-free writes.</summary>
    public static JsonSerializerOptions Options { get; } = new() { Encoder = Encoder };

    /// <summary>Writer options for a <see cref="Utf8JsonWriter"/>.</summary>
    public static JsonWriterOptions WriterOptions => new() { Encoder = Encoder };

    /// <summary>A copy of <paramref name="options"/> (a context's, so the copy keeps its metadata) with this encoder.</summary>
    public static JsonSerializerOptions With(JsonSerializerOptions options) => new(options) { Encoder = Encoder };
}
