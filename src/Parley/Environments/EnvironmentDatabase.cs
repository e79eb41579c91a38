using System.Globalization;
using System.Text.RegularExpressions;
using Parley.Determinism;
using Parley.Tools;

namespace Parley.Environments;

/// <summary>
/// A built environment: its template database (schema + rows), its tools compiled once, and its state hasher.
/// Every dialogue and every planning scratch-pad gets its own copy through <see cref="OpenCopy"/>.
/// </summary>
/// <remarks>Thread-safe: copies are taken under a lock; the template itself is never written after building.</remarks>
public sealed partial class EnvironmentDatabase : IDisposable
{
    private readonly SqliteSandbox _template;
    private readonly Lock _copyLock = new();
    private readonly System.Collections.Concurrent.ConcurrentBag<SandboxLease> _pool = [];

    private EnvironmentDatabase(EnvironmentSpec spec, SqliteSandbox template, ToolCatalog tools, StateHasher hasher)
    {
        Spec = spec;
        _template = template;
        Tools = tools;
        Hasher = hasher;
    }

    /// <summary>The declaration, with <see cref="EnvironmentSpec.Data"/> filled with the rows actually loaded.</summary>
    public EnvironmentSpec Spec { get; }

    /// <summary>The environment's tools.</summary>
    public ToolCatalog Tools { get; }

    /// <summary>Hashes the tables the tools can change.</summary>
    public StateHasher Hasher { get; }

    /// <summary>The rows of every table after building.</summary>
    public IReadOnlyDictionary<string, TableData> Data => Spec.Data!;

    /// <summary>The time budget of one tool statement.</summary>
    public static TimeSpan StatementBudget => SandboxLimits.StatementBudget;

    /// <summary>Every column of every table with its declared type, in schema order.</summary>
    internal IReadOnlyList<(string Table, string Column, string Type)> Columns { get; private init; } = [];

    /// <summary>
    /// Builds the template database: runs the schema, loads <see cref="EnvironmentSpec.Data"/> or generates rows from
    /// <see cref="EnvironmentSpec.Seed"/> with <paramref name="seed"/> and <paramref name="scale"/>, then checks the declaration.
    /// </summary>
    public static EnvironmentDatabase Build(EnvironmentSpec spec, ulong seed, double scale = 1.0)
    {
        EnvironmentValidator.CheckDeclaration(spec);
        var tools = new ToolCatalog(spec.Tools);
        var sandbox = SqliteSandbox.OpenInMemory();
        try
        {
            Execute(sandbox, spec.Schema, "schema");
            sandbox.EndSchema();
            using (sandbox.Trust()) IndexForeignKeys(sandbox);
            if (!DateOnly.TryParseExact(spec.Today, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var today))
            {
                throw ParleyException.InvalidEnvironment($"'{spec.Id}': 'today' must be a date like 2025-06-15, not '{spec.Today}'");
            }
            var rows = spec.Data ?? (spec.Seed is { } s ? SeedGenerator.Generate(s, today, StableSeed.Derive(seed, spec.Id), scale) : new Dictionary<string, TableData>());
            foreach (var (table, oversized) in rows.Where(r => r.Value.Rows.Count > SandboxLimits.MaxSeedRowsPerTable))
            {
                throw ParleyException.InvalidEnvironment($"{spec.Id}: table '{table}' has {oversized.Rows.Count} rows; at most {SandboxLimits.MaxSeedRowsPerTable} are allowed");
            }
            Insert(sandbox, rows);
            foreach (var sql in spec.Data is null ? spec.Seed?.Finally ?? [] : [])
            {
                Execute(sandbox, sql, "seed.finally", spec.Today);
            }
            List<(string Name, int Columns)> tables;
            IReadOnlyList<(string, string, string)> columns;
            using (sandbox.Trust())
            {
                tables = ReadTables(sandbox);
                columns = ReadColumns(sandbox);
                Execute(sandbox, "ANALYZE", "analyze"); // statistics for the query planner; copies inherit them
            }
            var data = tables.ToDictionary(t => t.Name, t => Dump(sandbox, t.Name), StringComparer.Ordinal);
            var mutable = MutableTables(spec.Tools, tables.Select(t => t.Name));
            sandbox.ResetChanges();
            var upserts = spec.Tools.SelectMany(t => t.Sql).Any(sql => Upsert().IsMatch(sql));
            var hasher = new StateHasher(sandbox, tables.Where(t => mutable.Contains(t.Name)).Select(t => t.Name), incremental: !upserts);
            EnvironmentValidator.Validate(spec, sandbox, tools);
            return new EnvironmentDatabase(spec with { Data = data, Seed = null }, sandbox, tools, hasher) { Columns = columns };
        }
        catch
        {
            sandbox.Dispose();
            throw;
        }
    }

    /// <summary>A fresh, locked copy of the template for one dialogue or scratch run.</summary>
    public SqliteSandbox OpenCopy()
    {
        var copy = SqliteSandbox.OpenInMemory();
        lock (_copyLock)
        {
            _template.CopyTo(copy);
        }
        copy.Lock(StatementBudget);
        return copy;
    }

    /// <summary>An unlocked copy of the template, for a designer reading the schema's pragmas; never handed to tools.</summary>
    internal SqliteSandbox OpenInspectionCopy()
    {
        var copy = SqliteSandbox.OpenInMemory();
        lock (_copyLock)
        {
            _template.CopyTo(copy);
        }
        return copy;
    }

    /// <summary>
    /// A copy of the template with its executor, from a pool. Everything a lease writes stays in one transaction that
    /// is rolled back when the lease is returned, so a pooled copy is the template again and keeps its prepared statements.
    /// </summary>
    public SandboxLease Rent()
    {
        if (!_pool.TryTake(out var lease))
        {
            var copy = OpenCopy();
            lease = new SandboxLease(this, copy, CreateExecutor(copy));
        }
        lease.Database.BeginScope();
        return lease.Renew();
    }

    internal void Return(SandboxLease lease)
    {
        // Undoing the scope brings the copy back to the template; a copy whose scope was lost is not reused.
        if (lease.Database.EndScope()) _pool.Add(lease);
        else lease.Database.Dispose();
    }

    /// <summary>A tool executor over <paramref name="database"/> with argument validation in front.</summary>
    public IToolExecutor CreateExecutor(SqliteSandbox database) =>
        new ToolExecutorBuilder(new SqlToolExecutor(database, Tools, Spec.Today))
            .Use(inner => new ArgumentValidatingToolExecutor(inner, Tools))
            .Build();

    private static void Execute(SqliteSandbox sandbox, string sql, string what, string? today = null)
    {
        using var command = sandbox.Connection.CreateCommand();
        command.CommandText = sql;
        if (today is not null && sql.Contains(":today", StringComparison.Ordinal)) command.Parameters.AddWithValue(":today", today);
        sandbox.Arm();
        try
        {
            command.ExecuteNonQuery();
        }
        catch (Microsoft.Data.Sqlite.SqliteException e)
        {
            throw ParleyException.InvalidEnvironment($"{what}: {SandboxErrors.Describe(e)}");
        }
        finally
        {
            sandbox.Disarm();
        }
    }

    /// <summary>Indexes every foreign-key column set that no index starts with: tools join and filter on them.</summary>
    private static void IndexForeignKeys(SqliteSandbox sandbox)
    {
        using var command = sandbox.Connection.CreateCommand();
        command.CommandText = """
            SELECT m.name, f."from" FROM sqlite_schema m JOIN pragma_foreign_key_list(m.name) f
            WHERE m.type = 'table' AND f.seq = 0
              AND NOT EXISTS (SELECT 1 FROM pragma_index_list(m.name) i JOIN pragma_index_info(i.name) c WHERE c.seqno = 0 AND c.name = f."from")
            ORDER BY m.name, f."from"
            """;
        var missing = new List<(string Table, string Column)>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read()) missing.Add((reader.GetString(0), reader.GetString(1)));
        }
        foreach (var (table, column) in missing.Distinct())
        {
            Execute(sandbox, $"CREATE INDEX {SqlText.Quote($"parley_fk_{table}_{column}")} ON {SqlText.Quote(table)}({SqlText.Quote(column)})", "foreign-key index");
        }
    }

    private static void Insert(SqliteSandbox sandbox, IReadOnlyDictionary<string, TableData> rows)
    {
        // Parley's own statements with the environment's values bound: trusted for the transaction and the PRAGMA, but
        // armed per row, since the schema's triggers fire on every insert.
        using var trust = sandbox.Trust();
        using var transaction = sandbox.Connection.BeginTransaction();
        using (var defer = sandbox.Connection.CreateCommand())
        {
            // Rows may come in any table order (an environment file lists tables by name): check keys at commit.
            defer.Transaction = transaction;
            defer.CommandText = "PRAGMA defer_foreign_keys = ON";
            defer.ExecuteNonQuery();
        }
        foreach (var (table, data) in rows)
        {
            using var command = sandbox.Connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"INSERT INTO {SqlText.Quote(table)} ({string.Join(", ", data.Columns.Select(SqlText.Quote))}) VALUES ({string.Join(", ", data.Columns.Select((_, i) => $"$p{i}"))})";
            var parameters = data.Columns.Select((_, i) => command.Parameters.Add(new Microsoft.Data.Sqlite.SqliteParameter($"$p{i}", null))).ToArray();
            foreach (var row in data.Rows)
            {
                for (var i = 0; i < parameters.Length; i++) parameters[i].Value = SqlValue.FromClrOrJson(i < row.Count ? row[i] : null);
                sandbox.Arm();
                try
                {
                    command.ExecuteNonQuery();
                }
                catch (Microsoft.Data.Sqlite.SqliteException e)
                {
                    throw ParleyException.InvalidEnvironment($"seed rows of '{table}': {SandboxErrors.Describe(e)}");
                }
                finally
                {
                    sandbox.Disarm();
                }
            }
        }
        try
        {
            transaction.Commit();
        }
        catch (Microsoft.Data.Sqlite.SqliteException e)
        {
            throw ParleyException.InvalidEnvironment($"seed rows: {SandboxErrors.Describe(e)}");
        }
    }

    private static List<(string Name, int Columns)> ReadTables(SqliteSandbox sandbox)
    {
        using var command = sandbox.Connection.CreateCommand();
        command.CommandText = "SELECT name, (SELECT COUNT(*) FROM pragma_table_info(m.name)) FROM sqlite_schema m WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
        using var reader = command.ExecuteReader();
        var tables = new List<(string, int)>();
        while (reader.Read()) tables.Add((reader.GetString(0), reader.GetInt32(1)));
        return tables;
    }

    private static List<(string, string, string)> ReadColumns(SqliteSandbox sandbox)
    {
        using var command = sandbox.Connection.CreateCommand();
        command.CommandText = "SELECT m.name, c.name, c.type FROM sqlite_schema m JOIN pragma_table_info(m.name) c WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.rowid, c.cid";
        using var reader = command.ExecuteReader();
        var columns = new List<(string, string, string)>();
        while (reader.Read()) columns.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        return columns;
    }

    private static TableData Dump(SqliteSandbox sandbox, string table)
    {
        // A WITHOUT ROWID table has no rowid to order by; it is read in its key's order.
        using var command = sandbox.Connection.CreateCommand();
        command.CommandText = "SELECT wr FROM pragma_table_list WHERE name = $name AND schema = 'main'";
        command.Parameters.AddWithValue("$name", table);
        var withoutRowId = command.ExecuteScalar() is long wr && wr != 0;
        command.Parameters.Clear();
        command.CommandText = $"SELECT * FROM {SqlText.Quote(table)}{(withoutRowId ? "" : " ORDER BY rowid")}";
        using var reader = command.ExecuteReader();
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        var rows = new List<IReadOnlyList<object?>>();
        while (reader.Read())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => SqlValue.Read(reader, i))]);
        }
        return new TableData(columns, rows);
    }

    /// <summary>The tables that write tools' SQL inserts into, updates or deletes from.</summary>
    internal static HashSet<string> MutableTables(IEnumerable<ToolSpec> tools, IEnumerable<string> known)
    {
        var names = new HashSet<string>(known, StringComparer.OrdinalIgnoreCase);
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var sql in tools.Where(t => t.Access == ToolAccess.Write).SelectMany(t => t.Sql))
        {
            foreach (Match m in WriteTarget().Matches(sql))
            {
                var table = m.Groups["table"].Value;
                if (names.TryGetValue(table, out var actual)) result.Add(actual);
            }
        }
        return result;
    }

    // REPLACE conflict resolution deletes rows without telling the update hook, so those tools disable incremental hashing.
    [GeneratedRegex(@"\b(?:OR\s+REPLACE|REPLACE\s+INTO|ON\s+CONFLICT)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Upsert();

    [GeneratedRegex(@"\b(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM|REPLACE\s+INTO)\s+[""`\[]?(?<table>\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex WriteTarget();

    /// <inheritdoc />
    public void Dispose()
    {
        _template.Dispose();
        while (_pool.TryTake(out var lease)) lease.Database.Dispose();
    }
}
