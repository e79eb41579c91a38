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
        // Keys unenforced while sampling: the sample is made consistent afterwards, dropping orphans. The file is untrusted:
        // its script runs in a sandbox (no ATTACH, no VACUUM INTO, no extensions, bounded time per statement), and the
        // sampling below, Parley's own SQL, fires the file's triggers, so it runs armed too.
        using var sandbox = SqliteSandbox.OpenInMemory(ScriptBudget, foreignKeys: false);
        try
        {
            if (Path.GetExtension(path).Equals(".sql", StringComparison.OrdinalIgnoreCase))
            {
                RunScript(sandbox, File.ReadAllText(path));
            }
            else
            {
                using var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
                source.Open();
                source.BackupDatabase(sandbox.Connection);
            }
            sandbox.EndSchema();
            using var trust = sandbox.Trust();
            sandbox.Arm();
            var schema = ReadSchema(sandbox.Connection);
            if (schema.Tables.Count == 0) throw ParleyException.InvalidFile(path, "no tables found");
            var data = Sample(sandbox, schema.Tables, maxRowsPerTable);
            return new ExistingDatabase { Source = path, Schema = schema.Ddl, Data = data };
        }
        catch (SqliteException e)
        {
            throw ParleyException.InvalidFile(path, $"not a usable SQLite database or SQL script: {SandboxErrors.Describe(e)}");
        }
    }

    /// <summary>The time budget of each statement of an imported script, and of the whole sampling.</summary>
    private static TimeSpan ScriptBudget => TimeSpan.FromSeconds(60);

    /// <summary>
    /// Runs a SQL script one statement at a time. Dumps wrap their INSERTs in a transaction and switch foreign keys off:
    /// those statements are skipped (every statement here is already atomic); nothing else gets past the sandbox.
    /// </summary>
    private static void RunScript(SqliteSandbox sandbox, string script)
    {
        foreach (var statement in SqlText.Statements(script))
        {
            if (SqlText.IsTransactionControl(statement) || SqlText.FirstKeyword(statement) == "PRAGMA") continue;
            sandbox.Arm();
            try
            {
                Run(sandbox.Connection, statement);
            }
            finally
            {
                sandbox.Disarm();
            }
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
    private static Dictionary<string, TableData> Sample(SqliteSandbox sandbox, List<string> tables, int max)
    {
        var connection = sandbox.Connection;
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
