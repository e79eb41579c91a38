using System.Globalization;
using System.Runtime.InteropServices;
using Parley.Tools;
using SQLitePCL;

namespace Parley.Environments;

/// <summary>
/// Canonical hashes of a database's mutable tables. A table's hash is an order-independent sum of row hashes, so the
/// same rows hash the same whatever order they were written in. The template's row hashes are computed once; a copy's
/// hash then only re-reads the rows SQLite's update hook saw change, so hashing costs in proportion to what a dialogue
/// changed, not to the size of the database.
/// </summary>
/// <remarks>Immutable after construction and thread-safe; one hasher serves every copy of an environment.</remarks>
public sealed class StateHasher
{
    private const int Row = 100, Integer = 1, Float = 2, Null = 5;
    private readonly string[] _tables;
    private readonly Dictionary<string, TableState> _template = new(StringComparer.Ordinal);
    private readonly bool _incremental;

    /// <summary>Prepares to hash <paramref name="tables"/> of copies of <paramref name="template"/>.</summary>
    /// <param name="template">The database every hashed copy starts from.</param>
    /// <param name="tables">The tables to hash.</param>
    /// <param name="incremental">False when writes may remove rows unseen by the update hook (REPLACE): always re-read whole tables.</param>
    public StateHasher(SqliteSandbox template, IEnumerable<string> tables, bool incremental = true)
    {
        _tables = [.. tables.Order(StringComparer.Ordinal)];
        _incremental = incremental;
        foreach (var table in _tables) _template[table] = Scan(template.Connection.Handle!, table, keepRows: incremental);
    }

    /// <summary>The tables hashed.</summary>
    public IReadOnlyList<string> Tables => _tables;

    /// <summary>Hashes the tables of <paramref name="database"/> (a copy of the template) into one hex digest.</summary>
    public string Hash(SqliteSandbox database)
    {
        var db = database.Connection.Handle!;
        var exact = _incremental && !database.HasUntrackedChanges;
        ulong a = 0x243F6A8885A308D3UL, b = 0x13198A2E03707344UL;
        foreach (var table in _tables)
        {
            var baseline = _template[table];
            var (x, y, n) = !exact || baseline.Rows is null ? Scan(db, table, keepRows: false).Sums
                : database.ChangedRows(table) is { Count: > 0 } changed ? Update(db, table, baseline, changed)
                : baseline.Sums;
            a = Mix(a ^ x ^ Mix(n));
            b = Mix(b ^ y ^ a);
        }
        return a.ToString("x16", CultureInfo.InvariantCulture) + b.ToString("x16", CultureInfo.InvariantCulture);
    }

    private static (ulong, ulong, ulong) Update(sqlite3 db, string table, TableState baseline, IReadOnlyCollection<long> changed)
    {
        var (a, b, n) = baseline.Sums;
        Prepare(db, $"SELECT * FROM {SqlText.Quote(table)} WHERE rowid = ?", out var statement);
        using (statement)
        {
            var columns = raw.sqlite3_column_count(statement);
            foreach (var rowid in changed)
            {
                if (baseline.Rows!.TryGetValue(rowid, out var old))
                {
                    a -= old.A;
                    b -= old.B;
                    n--;
                }
                raw.sqlite3_reset(statement);
                raw.sqlite3_bind_int64(statement, 1, rowid);
                if (raw.sqlite3_step(statement) == Row)
                {
                    var (x, y) = RowHash(statement, 0, columns);
                    a += x;
                    b += y;
                    n++;
                }
            }
        }
        return (a, b, n);
    }

    private static TableState Scan(sqlite3 db, string table, bool keepRows)
    {
        // WITHOUT ROWID tables have no rowid: they are always scanned whole.
        var withRowid = keepRows && raw.sqlite3_prepare_v2(db, $"SELECT rowid, * FROM {SqlText.Quote(table)}", out sqlite3_stmt probe) == 0 && Dispose(probe);
        Prepare(db, withRowid ? $"SELECT rowid, * FROM {SqlText.Quote(table)}" : $"SELECT * FROM {SqlText.Quote(table)}", out var statement);
        using (statement)
        {
            var first = withRowid ? 1 : 0;
            var columns = raw.sqlite3_column_count(statement);
            var rows = withRowid ? new Dictionary<long, (ulong A, ulong B)>() : null;
            ulong a = 0, b = 0, n = 0;
            while (raw.sqlite3_step(statement) == Row)
            {
                var (x, y) = RowHash(statement, first, columns);
                rows?.Add(raw.sqlite3_column_int64(statement, 0), (x, y));
                a += x;
                b += y;
                n++;
            }
            return new TableState((a, b, n), rows);
        }
    }

    private static (ulong, ulong) RowHash(sqlite3_stmt statement, int first, int columns)
    {
        ulong h = 0x9E3779B97F4A7C15UL;
        for (var i = first; i < columns; i++)
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
        return (h, Mix(h ^ 0x5851F42D4C957F2DUL));
    }

    private static void Prepare(sqlite3 db, string sql, out sqlite3_stmt statement)
    {
        if (raw.sqlite3_prepare_v2(db, sql, out statement) != 0)
        {
            throw new InvalidOperationException($"cannot hash with `{sql}`: {raw.sqlite3_errmsg(db).utf8_to_string()}");
        }
    }

    private static bool Dispose(sqlite3_stmt statement)
    {
        statement.Dispose();
        return true;
    }

    /// <summary>Folds bytes into <paramref name="h"/> eight at a time.</summary>
    private static ulong Bytes(ulong h, ReadOnlySpan<byte> bytes)
    {
        var words = MemoryMarshal.Cast<byte, ulong>(bytes);
        foreach (var w in words) h = Mix(h ^ w);
        var tail = (ulong)bytes.Length << 56;
        for (var i = words.Length * 8; i < bytes.Length; i++) tail |= (ulong)bytes[i] << (8 * (i & 7));
        return Mix(h ^ tail);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private sealed record TableState((ulong A, ulong B, ulong N) Sums, Dictionary<long, (ulong A, ulong B)>? Rows);
}
