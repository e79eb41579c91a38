using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Parley.Serialization;

/// <summary>Reads and writes JSON Lines files, one record per line.</summary>
public static class JsonlFile
{
    /// <summary>Reads every non-empty line; a line that does not parse is an error naming the file and line.</summary>
    public static IReadOnlyList<T> Read<T>(string path, JsonTypeInfo<T> type)
    {
        var items = new List<T>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                items.Add(JsonSerializer.Deserialize(line, type) ?? throw new JsonException("null record"));
            }
            catch (JsonException e)
            {
                throw ParleyException.InvalidFile(path, $"line {lineNumber}: {e.Message}");
            }
        }
        return items;
    }

    /// <summary>Writes the records, one per line, with '\n' line ends.</summary>
    public static void Write<T>(string path, IEnumerable<T> items, JsonTypeInfo<T> type)
    {
        using var stream = File.Create(path);
        using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\n" };
        foreach (var item in items)
        {
            writer.WriteLine(JsonSerializer.Serialize(item, type));
        }
    }
}
