using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Parley.Tools;

namespace Parley.Design;

/// <summary>
/// Reads what a rule-based designer needs from a database: tables (views and SQLite's own tables left out), columns
/// with their declared types and constraints, primary and foreign keys, unique columns, CHECK constraints that are
/// simple enough to state (<c>IN (...)</c>, <c>&gt;=</c>, <c>&gt;</c>), and what the rows hold (counts, distinct values,
/// most frequent values, dates).
/// </summary>
internal static partial class SchemaProfiler
{
    private const int TopValues = 12;

    /// <summary>The tables of the database behind <paramref name="connection"/>, in the order they were created.</summary>
    public static IReadOnlyList<TableProfile> Read(SqliteConnection connection)
    {
        var tables = new List<(string Name, string Sql, bool RowId)>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                SELECT m.name, m.sql, l.wr FROM sqlite_schema m JOIN pragma_table_list l ON l.name = m.name AND l.schema = 'main'
                WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.sql IS NOT NULL ORDER BY m.rowid
                """;
            using var reader = command.ExecuteReader();
            while (reader.Read()) tables.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2) == 0));
        }
        return [.. tables.Select(t => Profile(connection, t.Name, t.Sql, t.RowId))];
    }

    private static TableProfile Profile(SqliteConnection connection, string table, string ddl, bool rowId)
    {
        var unique = UniqueColumns(connection, table);
        var rows = Scalar(connection, $"SELECT COUNT(*) FROM {SqlText.Quote(table)}");
        var columns = new List<ColumnProfile>();
        foreach (var (name, type, notNull, hasDefault, pk) in TableInfo(connection, table))
        {
            var q = SqlText.Quote(name);
            var from = SqlText.Quote(table);
            var nonNull = Scalar(connection, $"SELECT COUNT({q}) FROM {from}");
            var blobs = Scalar(connection, $"SELECT COUNT(*) FROM {from} WHERE typeof({q}) = 'blob'");
            var dates = Scalar(connection, $"SELECT COUNT(*) FROM {from} WHERE typeof({q}) = 'text' AND {q} GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]*' AND length({q}) <= 26");
            var midnight = Scalar(connection, $"SELECT COUNT(*) FROM {from} WHERE {q} LIKE '%-% 00:00:00%'");
            var kind = KindOf(type, name, nonNull, blobs, dates);
            columns.Add(new ColumnProfile
            {
                Name = name,
                DeclaredType = type,
                Kind = kind,
                NotNull = notNull,
                HasDefault = hasDefault,
                PrimaryKey = pk,
                Unique = unique.Contains(name),
                NonNull = nonNull,
                Distinct = kind == ColumnKind.Blob ? 0 : Scalar(connection, $"SELECT COUNT(DISTINCT {q}) FROM {from}"),
                MidnightDates = kind == ColumnKind.Date && nonNull > 0 && midnight == nonNull,
                TopValues = kind == ColumnKind.Blob ? [] : Top(connection, from, q, kind == ColumnKind.Date && midnight == nonNull),
                Latest = kind == ColumnKind.Date && dates > 0 ? Text(connection, $"SELECT MAX(date({q})) FROM {from} WHERE {q} GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]*'") : null,
                Allowed = AllowedValues(ddl, name),
                Minimum = MinimumOf(ddl, name),
            });
        }
        return new TableProfile { Name = table, Columns = columns, ForeignKeys = ForeignKeys(connection, table, columns), Rows = rows, HasRowId = rowId };
    }

    private static ColumnKind KindOf(string declared, string name, long nonNull, long blobs, long dates)
    {
        var t = declared.ToUpperInvariant();
        if (t.Contains("BLOB", StringComparison.Ordinal) || t.Contains("BINARY", StringComparison.Ordinal) || t.Contains("IMAGE", StringComparison.Ordinal) || (blobs > 0 && blobs * 2 >= nonNull)) return ColumnKind.Blob;
        if (t.Contains("DATE", StringComparison.Ordinal) || t.Contains("TIME", StringComparison.Ordinal) || (nonNull > 0 && dates == nonNull)) return ColumnKind.Date;
        if (t.Contains("INT", StringComparison.Ordinal) || t.Contains("BOOL", StringComparison.Ordinal) || t == "BIT") return ColumnKind.Integer;
        if (t.Contains("REAL", StringComparison.Ordinal) || t.Contains("FLOA", StringComparison.Ordinal) || t.Contains("DOUB", StringComparison.Ordinal)
            || t.Contains("NUM", StringComparison.Ordinal) || t.Contains("DEC", StringComparison.Ordinal) || t.Contains("MONEY", StringComparison.Ordinal)) return ColumnKind.Number;
        return ColumnKind.Text;
    }

    private static List<(string Name, string Type, bool NotNull, bool HasDefault, int Pk)> TableInfo(SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, type, \"notnull\", dflt_value IS NOT NULL, pk FROM pragma_table_info($t) ORDER BY cid";
        command.Parameters.AddWithValue("$t", table);
        using var reader = command.ExecuteReader();
        var columns = new List<(string, string, bool, bool, int)>();
        while (reader.Read()) columns.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2) != 0, reader.GetInt64(3) != 0, reader.GetInt32(4)));
        return columns;
    }

    private static HashSet<string> UniqueColumns(SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT MIN(c.name) FROM pragma_index_list($t) i JOIN pragma_index_info(i.name) c
            WHERE i."unique" = 1 AND i.origin <> 'pk' GROUP BY i.name HAVING COUNT(*) = 1
            """;
        command.Parameters.AddWithValue("$t", table);
        using var reader = command.ExecuteReader();
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read()) names.Add(reader.GetString(0));
        return names;
    }

    private static List<ForeignKeyProfile> ForeignKeys(SqliteConnection connection, string table, List<ColumnProfile> columns)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT f."table", f."from", f."to" FROM pragma_foreign_key_list($t) f
            WHERE f.id IN (SELECT id FROM pragma_foreign_key_list($t) GROUP BY id HAVING COUNT(*) = 1) ORDER BY f.id
            """;
        command.Parameters.AddWithValue("$t", table);
        var keys = new List<ForeignKeyProfile>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read()) keys.Add(new ForeignKeyProfile(reader.GetString(1), reader.GetString(0), reader.IsDBNull(2) ? "" : reader.GetString(2)));
        }
        // A key naming no parent column means the parent's primary key; a parent that does not exist (or a column the
        // table lacks) is a dangling declaration, not a relation to follow. Names are matched as SQLite does, ignoring case.
        var result = new List<ForeignKeyProfile>();
        foreach (var key in keys)
        {
            var parent = ResolveTable(connection, key.Parent);
            var column = columns.FirstOrDefault(c => string.Equals(c.Name, key.Column, StringComparison.OrdinalIgnoreCase));
            if (parent is null || column is null) continue;
            var parentColumns = TableInfo(connection, parent);
            var target = key.ParentColumn.Length == 0
                ? parentColumns.Where(c => c.Pk > 0).Select(c => c.Name).SingleOrDefault()
                : parentColumns.Select(c => c.Name).FirstOrDefault(n => string.Equals(n, key.ParentColumn, StringComparison.OrdinalIgnoreCase));
            if (target is not null) result.Add(new ForeignKeyProfile(column.Name, parent, target));
        }
        return result;
    }

    private static string? ResolveTable(SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_schema WHERE type = 'table' AND name = $n COLLATE NOCASE";
        command.Parameters.AddWithValue("$n", name);
        return command.ExecuteScalar() as string;
    }

    private static List<string> Top(SqliteConnection connection, string from, string column, bool asDate)
    {
        var value = asDate ? $"date({column})" : column;
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {value} AS v, COUNT(*) AS n FROM {from} WHERE {column} IS NOT NULL GROUP BY v ORDER BY n DESC, v LIMIT {TopValues}";
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read()) values.Add(SqlValue.Text(SqlValue.Read(reader, 0)));
        return values;
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar() ?? 0L, CultureInfo.InvariantCulture);
    }

    private static string? Text(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar() as string;
    }

    private static IReadOnlyList<string> AllowedValues(string ddl, string column)
    {
        foreach (Match m in CheckIn().Matches(ddl))
        {
            if (!string.Equals(m.Groups["col"].Value, column, StringComparison.OrdinalIgnoreCase)) continue;
            return [.. Literal().Matches(m.Groups["list"].Value).Select(l => l.Groups[1].Value.Replace("''", "'", StringComparison.Ordinal))];
        }
        return [];
    }

    private static double? MinimumOf(string ddl, string column)
    {
        foreach (Match m in CheckMin().Matches(ddl))
        {
            if (!string.Equals(m.Groups["col"].Value, column, StringComparison.OrdinalIgnoreCase)) continue;
            var bound = double.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
            return m.Groups["op"].Value == ">" ? bound + (m.Groups["n"].Value.Contains('.', StringComparison.Ordinal) ? 0.01 : 1) : bound;
        }
        return null;
    }

    [GeneratedRegex(@"CHECK\s*\(\s*[""\[`]?(?<col>[^\s""\]`()]+)[""\]`]?\s+IN\s*\((?<list>[^)]*)\)\s*\)", RegexOptions.IgnoreCase)]
    private static partial Regex CheckIn();

    [GeneratedRegex(@"'((?:[^']|'')*)'")]
    private static partial Regex Literal();

    [GeneratedRegex(@"CHECK\s*\(\s*[""\[`]?(?<col>[^\s""\]`()]+)[""\]`]?\s*(?<op>>=|>)\s*(?<n>-?\d+(?:\.\d+)?)\s*\)", RegexOptions.IgnoreCase)]
    private static partial Regex CheckMin();
}
