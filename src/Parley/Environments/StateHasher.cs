using System.Globalization;
using System.Runtime.InteropServices;
using SQLitePCL;

namespace Parley.Environments;

/// <summary>
/// Canonical hashes of a database's mutable tables. A table's hash is an order-independent sum of its row hashes, so
/// two databases with the same rows hash the same whatever order their rows were written in; a sandbox re-hashes only
/// the tables its statements changed since the last hash (tracked by SQLite's update hook).
/// </summary>
/// <remarks>Immutable and thread-safe; one hasher serves every copy of an environment.</remarks>
public sealed class StateHasher
{
    private const int Row = 100, Integer = 1, Float = 2, Null = 5;
    private readonly string[] _tables;

    /// <summary>Prepares to hash <paramref name="tables"/>.</summary>
    public StateHasher(IEnumerable<string> tables) => _tables = [.. tables.Order(StringComparer.Ordinal)];

    /// <summary>The tables hashed.</summary>
    public IReadOnlyList<string> Tables => _tables;

    /// <summary>Hashes the tables of <paramref name="database"/> into one hex digest.</summary>
    public string Hash(SqliteSandbox database)
    {
        ulong a = 0x243F6A8885A308D3UL, b = 0x13198A2E03707344UL;
        foreach (var table in _tables)
        {
            var (x, y) = database.TableHash(table, TableHash);
            a = Mix(a ^ x);
            b = Mix(b ^ y ^ a);
        }
        return a.ToString("x16", CultureInfo.InvariantCulture) + b.ToString("x16", CultureInfo.InvariantCulture);
    }

    /// <summary>The order-independent hash of one table's rows: two 64-bit lanes, each a sum of row hashes.</summary>
    internal static (ulong, ulong) TableHash(sqlite3 db, string table)
    {
        var rc = raw.sqlite3_prepare_v2(db, $"SELECT * FROM \"{table}\"", out sqlite3_stmt statement);
        if (rc != 0) throw new InvalidOperationException($"cannot hash table {table}: {raw.sqlite3_errmsg(db).utf8_to_string()}");
        using (statement)
        {
            ulong sumA = 0, sumB = 0, rows = 0;
            var columns = raw.sqlite3_column_count(statement);
            while (raw.sqlite3_step(statement) == Row)
            {
                ulong h = 0x9E3779B97F4A7C15UL;
                for (var i = 0; i < columns; i++)
                {
                    var type = raw.sqlite3_column_type(statement, i);
                    h = Mix(h ^ (ulong)type);
                    h = type switch
                    {
                        Integer => Mix(h ^ (ulong)raw.sqlite3_column_int64(statement, i)),
                        Float => Mix(h ^ BitConverter.DoubleToUInt64Bits(raw.sqlite3_column_double(statement, i))),
                        Null => h,
                        _ => Bytes(h, raw.sqlite3_column_blob(statement, i)),
                    };
                }
                sumA += h;
                sumB += Mix(h ^ 0x5851F42D4C957F2DUL);
                rows++;
            }
            return (sumA ^ Mix(rows), sumB + rows);
        }
    }

    /// <summary>Folds bytes into <paramref name="h"/> eight at a time.</summary>
    private static ulong Bytes(ulong h, ReadOnlySpan<byte> bytes)
    {
        var words = MemoryMarshal.Cast<byte, ulong>(bytes);
        foreach (var w in words) h = Mix(h ^ w);
        ulong tail = (ulong)bytes.Length << 56;
        for (var i = words.Length * 8; i < bytes.Length; i++) tail |= (ulong)bytes[i] << (8 * (i & 7));
        return Mix(h ^ tail);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
