using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Parley.Serialization;

/// <summary>
/// The one way artifacts meant for people (manifest, environment files, results, reports) are written indented: any
/// context's type info, its own encoder, an indenting writer — no indented copy of a context's options to keep in step.
/// </summary>
internal static class IndentedJson
{
    /// <summary><paramref name="value"/> as indented JSON followed by a line break.</summary>
    public static string Serialize<T>(T value, JsonTypeInfo<T> type)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = type.Options.Encoder, MaxDepth = type.Options.MaxDepth }))
        {
            JsonSerializer.Serialize(writer, value, type);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }
}
