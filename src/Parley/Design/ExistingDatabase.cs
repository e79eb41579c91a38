using Microsoft.Data.Sqlite;
using Parley.Environments;
using Parley.Tools;

namespace Parley.Design;

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

    /// <summary>The kept rows per table (the first rows by rowid and the rows they reference, minus any that break a foreign key); empty for DDL only.</summary>
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

    private static int Run(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
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

    /// <summary>
    /// Keeps the first rows of each table and, transitively, the rows they reference (so a sampled invoice line brings its
    /// invoice and its track), then drops rows whose foreign keys point at rows the source itself lacks.
    /// </summary>
    private static Dictionary<string, TableData> Sample(SqliteSandbox sandbox, List<string> tables, int max)
    {
        var connection = sandbox.Connection;
        var sampled = tables.Where(t => HasRowId(connection, t)).ToList();
        var keep = sampled.Select((t, i) => (t, i)).ToDictionary(x => x.t, x => $"temp.parley_keep_{x.i}", StringComparer.OrdinalIgnoreCase);
        foreach (var (table, kept) in keep)
        {
            Run(connection, $"CREATE TEMP TABLE {kept} (rid INTEGER PRIMARY KEY)");
            Run(connection, $"INSERT INTO {kept} SELECT rowid FROM {SqlText.Quote(table)} ORDER BY rowid LIMIT {max}");
        }
        var references = sampled.SelectMany(t => References(connection, t)).Where(r => keep.ContainsKey(r.Parent)).ToList();
        for (var added = true; added;)
        {
            added = false;
            foreach (var (child, parent, on) in references)
            {
                using var command = connection.CreateCommand();
                command.CommandText = $"INSERT OR IGNORE INTO {keep[parent]} SELECT p.rowid FROM {SqlText.Quote(parent)} AS p JOIN {SqlText.Quote(child)} AS c ON {on} WHERE c.rowid IN (SELECT rid FROM {keep[child]})";
                added |= command.ExecuteNonQuery() > 0;
            }
        }
        foreach (var (table, kept) in keep) Run(connection, $"DELETE FROM {SqlText.Quote(table)} WHERE rowid NOT IN (SELECT rid FROM {kept})");
        // Dropping an orphan can orphan its own children, so repeat until the check is clean or a round deletes nothing.
        while (true)
        {
            var orphans = new List<(string Table, long? RowId)>();
            using (var check = connection.CreateCommand())
            {
                check.CommandText = "PRAGMA foreign_key_check";
                using var reader = check.ExecuteReader();
                while (reader.Read())
                {
                    orphans.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetInt64(1)));
                }
            }
            if (orphans.Count == 0) break;
            var deleted = 0;
            // A WITHOUT ROWID table's orphans have no rowid to name: delete them by their keys instead.
            foreach (var table in orphans.Where(o => o.RowId is null).Select(o => o.Table).Distinct())
            {
                foreach (var (_, parent, on) in References(connection, table))
                {
                    deleted += Run(connection, $"DELETE FROM {SqlText.Quote(table)} AS c WHERE NOT EXISTS (SELECT 1 FROM {SqlText.Quote(parent)} AS p WHERE {on}) AND {string.Join(" AND ", Columns(on).Select(col => $"c.{col} IS NOT NULL"))}");
                }
            }
            foreach (var (table, rowid) in orphans.Where(o => o.RowId is not null).Distinct()) deleted += Run(connection, $"DELETE FROM {SqlText.Quote(table)} WHERE rowid = {rowid}");
            if (deleted == 0) break;
        }
        return tables.ToDictionary(t => t, t => Dump(connection, t), StringComparer.Ordinal);
    }

    /// <summary>Each foreign key of <paramref name="table"/>: the parent and the join condition (child <c>c</c>, parent <c>p</c>).</summary>
    private static List<(string Child, string Parent, string On)> References(SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, \"table\", \"from\", \"to\" FROM pragma_foreign_key_list($t) ORDER BY id, seq";
        command.Parameters.AddWithValue("$t", table);
        var keys = new List<(long Id, string Parent, string From, string? To)>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read()) keys.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        }
        var result = new List<(string, string, string)>();
        foreach (var key in keys.GroupBy(k => k.Id))
        {
            var parent = key.First().Parent;
            var primary = PrimaryKey(connection, parent);
            var parts = key.Select((k, i) => (k.From, To: k.To ?? (i < primary.Count ? primary[i] : null))).ToList();
            if (parts.Any(p => p.To is null)) continue;
            result.Add((table, parent, string.Join(" AND ", parts.Select(p => $"p.{SqlText.Quote(p.To!)} = c.{SqlText.Quote(p.From)}"))));
        }
        return result;
    }

    /// <summary>The child's quoted columns in a join condition written by <see cref="References"/>.</summary>
    private static IEnumerable<string> Columns(string on) =>
        on.Split(" AND ").Select(part => part[(part.IndexOf(" = c.", StringComparison.Ordinal) + 5)..]);

    private static List<string> PrimaryKey(SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM pragma_table_info($t) WHERE pk > 0 ORDER BY pk";
        command.Parameters.AddWithValue("$t", table);
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read()) names.Add(reader.GetString(0));
        return names;
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
        command.CommandText = $"SELECT * FROM {SqlText.Quote(table)}";
        using var reader = command.ExecuteReader();
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        var rows = new List<IReadOnlyList<object?>>();
        while (reader.Read()) rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => SqlValue.Read(reader, i))]);
        return new TableData(columns, rows);
    }
}
