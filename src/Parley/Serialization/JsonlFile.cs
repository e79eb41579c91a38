using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Parley.Serialization;

/// <summary>Reads and writes JSON Lines files, one record per line.</summary>
internal static class JsonlFile
{
    /// <summary>Reads every non-empty line; a line that does not parse is an error naming the file and line.</summary>
    public static IReadOnlyList<T> Read<T>(string path, JsonTypeInfo<T> type) => [.. Stream(path, type)];

    /// <summary>Reads every non-empty line as it is enumerated (one record in memory at a time); errors as <see cref="Read"/>.</summary>
    public static IEnumerable<T> Stream<T>(string path, JsonTypeInfo<T> type)
    {
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            yield return ParseLine(path, lineNumber, line, type);
        }
    }

    /// <summary>Parses line <paramref name="number"/> of <paramref name="path"/>; an error naming the file and line when it does not parse.</summary>
    internal static T ParseLine<T>(string path, long number, string line, JsonTypeInfo<T> type)
    {
        try
        {
            return JsonSerializer.Deserialize(line, type) ?? throw new JsonException("null record");
        }
        catch (JsonException e)
        {
            throw ParleyException.InvalidFile(path, $"line {number}: {e.Message}");
        }
    }

    /// <summary>Writes the records, one per line, with '\n' line ends, whole or not at all (<see cref="AtomicFile"/>).</summary>
    public static void Write<T>(string path, IEnumerable<T> items, JsonTypeInfo<T> type)
    {
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
            foreach (var item in items)
            {
                writer.WriteLine(JsonSerializer.Serialize(item, type));
            }
        });
    }
}
