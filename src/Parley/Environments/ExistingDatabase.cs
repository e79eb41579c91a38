using Microsoft.Data.Sqlite;

namespace Parley.Environments;

/// <summary>
/// A database brought by the user: its schema (the DDL SQLite stores) and a foreign-key-consistent sample of its rows.
/// Read from a SQLite file (<c>.sqlite</c>, <c>.db</c>, <c>.sqlite3</c>) or a SQL script (<c>.sql</c>: DDL, optionally
/// with INSERTs, as Spider ships its schemas). A script without rows leaves <see cref="Data"/> empty, so a designer
/// asks for seed rows.
/// </summary>
public sealed record ExistingDatabase
{
    /// <summary>Rows kept per table when none is given: enough for varied tasks, small enough for an environment file.</summary>
    public const int DefaultMaxRowsPerTable = 200;

    /// <summary>The file it was read from (for messages).</summary>
    public required string Source { get; init; }

    /// <summary>The CREATE statements of tables, indexes, views and triggers, in the database's order.</summary>
    public required string Schema { get; init; }

    /// <summary>The kept rows per table (the first rows by rowid, minus any that break a foreign key); empty for DDL only.</summary>
    public required IReadOnlyDictionary<string, TableData> Data { get; init; }

    /// <summary>True when the source had rows.</summary>
    public bool HasRows => Data.Values.Any(t => t.Rows.Count > 0);

    /// <summary>Reads <paramref name="path"/>, keeping at most <paramref name="maxRowsPerTable"/> rows per table.</summary>
    /// <exception cref="ParleyException">The file is missing, not a database, or its SQL fails.</exception>
    public static ExistingDatabase Load(string path, int maxRowsPerTable = DefaultMaxRowsPerTable)
    {
        if (!File.Exists(path)) throw ParleyException.NotFound(path, "no such database or SQL file");
        if (maxRowsPerTable < 1) throw ParleyException.InvalidOption("max rows per table", "must be at least 1");
        // Keys unenforced while sampling: the sample is made consistent afterwards, dropping orphans.
        using var scratch = new SqliteConnection("Data Source=:memory:;Pooling=False;Foreign Keys=False");
        scratch.Open();
        try
        {
            if (Path.GetExtension(path).Equals(".sql", StringComparison.OrdinalIgnoreCase))
            {
                Run(scratch, File.ReadAllText(path));
            }
            else
            {
                using var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
                source.Open();
                source.BackupDatabase(scratch);
            }
            var schema = ReadSchema(scratch);
            if (schema.Tables.Count == 0) throw ParleyException.InvalidFile(path, "no tables found");
            var data = Sample(scratch, schema.Tables, maxRowsPerTable);
            return new ExistingDatabase { Source = path, Schema = schema.Ddl, Data = data };
        }
        catch (SqliteException e)
        {
            throw ParleyException.InvalidFile(path, $"not a usable SQLite database or SQL script: {e.Message.Replace("SQLite Error ", "", StringComparison.Ordinal)}");
        }
    }

    private static void Run(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static (string Ddl, List<string> Tables) ReadSchema(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT type, name, sql FROM sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY rowid";
        using var reader = command.ExecuteReader();
        var statements = new List<string>();
        var tables = new List<string>();
        while (reader.Read())
        {
            if (reader.GetString(0) == "table") tables.Add(reader.GetString(1));
            statements.Add(reader.GetString(2).Trim().TrimEnd(';') + ";");
        }
        return (string.Join("\n", statements), tables);
    }

    /// <summary>Keeps the first rows of each table, then drops rows whose foreign keys point outside what is kept.</summary>
    private static Dictionary<string, TableData> Sample(SqliteConnection connection, List<string> tables, int max)
    {
        foreach (var table in tables.Where(t => HasRowId(connection, t)))
        {
            Run(connection, $"DELETE FROM \"{table}\" WHERE rowid NOT IN (SELECT rowid FROM \"{table}\" ORDER BY rowid LIMIT {max})");
        }
        // Dropping an orphan can orphan its own children, so repeat until the check is clean; each round deletes rows,
        // so this ends.
        while (true)
        {
            var orphans = new List<(string Table, long RowId)>();
            using (var check = connection.CreateCommand())
            {
                check.CommandText = "PRAGMA foreign_key_check";
                using var reader = check.ExecuteReader();
                while (reader.Read())
                {
                    if (!reader.IsDBNull(1)) orphans.Add((reader.GetString(0), reader.GetInt64(1)));
                }
            }
            if (orphans.Count == 0) break;
            foreach (var (table, rowid) in orphans.Distinct()) Run(connection, $"DELETE FROM \"{table}\" WHERE rowid = {rowid}");
        }
        return tables.ToDictionary(t => t, t => Dump(connection, t), StringComparer.Ordinal);
    }

    // A WITHOUT ROWID table is kept whole: it has no rowid to sample by, and such tables are rare and small.
    private static bool HasRowId(SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT wr FROM pragma_table_list WHERE name = $name";
        command.Parameters.AddWithValue("$name", table);
        return command.ExecuteScalar() is long wr && wr == 0;
    }

    private static TableData Dump(SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\"";
        using var reader = command.ExecuteReader();
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        var rows = new List<IReadOnlyList<object?>>();
        while (reader.Read()) rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => SqlValue.Read(reader, i))]);
        return new TableData(columns, rows);
    }
}
