using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Parley.Tools;

/// <summary>Conversions between JSON values, CLR values and SQLite values.</summary>
internal static class SqlValue
{
    /// <summary>Turns a JSON element (or an already plain value) into what SQLite binds: long, double, string or DBNull.</summary>
    public static object FromClrOrJson(object? value) => value switch
    {
        null => DBNull.Value,
        JsonElement e => e.ValueKind switch
        {
            JsonValueKind.String => e.GetString()!,
            JsonValueKind.Number when e.TryGetInt64(out var l) => l,
            JsonValueKind.Number => e.GetDouble(),
            JsonValueKind.True => 1L,
            JsonValueKind.False => 0L,
            JsonValueKind.Null or JsonValueKind.Undefined => DBNull.Value,
            _ => e.GetRawText(),
        },
        bool b => b ? 1L : 0L,
        int i => (long)i,
        _ => value,
    };

    /// <summary>Reads column <paramref name="i"/> of the current row as long, double, string or null.</summary>
    public static object? Read(SqliteDataReader reader, int i)
    {
        if (reader.IsDBNull(i)) return null;
        return reader.GetFieldType(i).Name switch
        {
            nameof(Int64) => reader.GetInt64(i),
            nameof(Double) => reader.GetDouble(i),
            nameof(String) => reader.GetString(i),
            _ => Convert.ToBase64String((byte[])reader.GetValue(i)),
        };
    }

    /// <summary>A value as the text a person would read or type (invariant culture, no exponent for usual numbers).</summary>
    public static string Text(object? value) => value switch
    {
        null => "",
        JsonElement e => e.ValueKind switch
        {
            JsonValueKind.String => e.GetString()!,
            JsonValueKind.Number when !e.TryGetInt64(out _) => Text(e.GetDouble()),
            _ => e.GetRawText(),
        },
        // Amounts read as people write them: 460.1 → "460.10", 3.0 → "3".
        double d => d.ToString(d == Math.Floor(d) ? "0" : "0.00", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
