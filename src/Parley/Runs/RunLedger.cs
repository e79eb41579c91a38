using Microsoft.Data.Sqlite;

namespace Parley.Runs;

/// <summary>
/// A run's ledger, <c>ledger.db</c> (SQLite, write-ahead log): the options that shape the output, and each item's
/// state — started (<c>in_flight</c>), <c>kept</c>, <c>rejected</c> or <c>paused</c>, with where each run file ended
/// after it. Items without a row are pending. Rows are committed only after the lines they describe are flushed, so
/// the ledger never claims more than the files hold, and a resumed run cuts the files back to the last recorded item.
/// </summary>
/// <remarks>Not thread-safe: the run's single writer owns it.</remarks>
internal sealed class RunLedger : IDisposable
{
    /// <summary>The ledger's file name in a run folder.</summary>
    public const string FileName = "ledger.db";

    /// <summary>The run fact naming the Parley version that started the run.</summary>
    public const string VersionKey = "parley_version";

    /// <summary>Run facts: the environments' ids (comma-separated, in order), the number of items, the domains whose design failed, the designers' usage.</summary>
    public const string EnvironmentsKey = "environments", TotalKey = "total", RejectedDomainsKey = "rejected_domains", DesignUsageKey = "design_usage";

    private readonly SqliteConnection _connection;

    private RunLedger(SqliteConnection connection) => _connection = connection;

    /// <summary>The path of a run folder's ledger.</summary>
    public static string PathOf(string folder) => Path.Combine(folder, FileName);

    /// <summary>Starts a new ledger in <paramref name="folder"/> (replacing any old one) with the run's stored options.</summary>
    public static RunLedger Create(string folder, IReadOnlyDictionary<string, string> options)
    {
        var path = PathOf(folder);
        foreach (var file in new[] { path, path + "-wal", path + "-shm" }) File.Delete(file);
        var ledger = Connect(path);
        ledger.Execute("""
            PRAGMA journal_mode = WAL;
            CREATE TABLE options (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE run (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE items (position INTEGER PRIMARY KEY, state TEXT NOT NULL, checks TEXT NOT NULL DEFAULT '',
              dialogues_end INTEGER, rejected_end INTEGER, tasks_end INTEGER, states_end INTEGER, hashes TEXT, usage TEXT NOT NULL DEFAULT '');
            """);
        using var transaction = ledger._connection.BeginTransaction();
        foreach (var (key, value) in options) ledger.Execute("INSERT INTO options VALUES ($k, $v)", ("$k", key), ("$v", value));
        ledger.Execute("INSERT INTO run VALUES ($k, $v)", ("$k", VersionKey), ("$v", ParleyInfo.Version));
        transaction.Commit();
        return ledger;
    }

    /// <summary>Opens the ledger of an existing run; a not-found error when the folder has none.</summary>
    public static RunLedger Open(string folder)
    {
        var path = PathOf(folder);
        if (!File.Exists(path)) throw ParleyException.NotFound(folder, $"no {FileName} here; only a run started by 'parley generate' can be resumed or merged");
        RunLedger? ledger = null;
        try
        {
            ledger = Connect(path);
            ledger.Execute("PRAGMA journal_mode = WAL");
            ledger.Execute("SELECT count(*) FROM options; SELECT count(*) FROM run; SELECT count(*) FROM items");
            // Ledgers written before line hashes get the column; their items stay unhashed (read unchecked).
            if (!ledger.HasColumn("items", "hashes")) ledger.Execute("ALTER TABLE items ADD COLUMN hashes TEXT");
            // Ledgers written before usage was recorded per item get the column, empty for their items.
            if (!ledger.HasColumn("items", "usage")) ledger.Execute("ALTER TABLE items ADD COLUMN usage TEXT NOT NULL DEFAULT ''");
            return ledger;
        }
        catch (SqliteException e)
        {
            ledger?.Dispose();
            throw ParleyException.InvalidFile(path, $"the run's ledger is damaged or not a Parley ledger (SQLite: {e.Message.Split('\n')[0]}); rerun into a new --out");
        }
    }

    /// <summary>The stored options of the run: the settings that shape its output, as its generation stored them.</summary>
    public IReadOnlyDictionary<string, string> Options => Read("options");

    /// <summary>A run fact (the environments written, the item count), or null.</summary>
    public string? Get(string key) => Read("run").GetValueOrDefault(key);

    /// <summary>Records a run fact.</summary>
    public void Set(string key, string value) => Execute("INSERT OR REPLACE INTO run VALUES ($k, $v)", ("$k", key), ("$v", value));

    /// <summary>Every finished item in position order (in-flight rows left by an interrupted run are skipped).</summary>
    public IReadOnlyList<LedgerEntry> Finished() => [.. ReadFinished()];

    /// <summary>Every finished item in position order, read as it is enumerated (one row in memory at a time).</summary>
    public IEnumerable<LedgerEntry> ReadFinished()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT position, state, checks, dialogues_end, rejected_end, tasks_end, states_end, hashes, usage FROM items WHERE state <> 'in_flight' ORDER BY position";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return new LedgerEntry(reader.GetInt64(0), reader.GetString(1), reader.GetString(2),
                new FileOffsets(reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6)),
                LineHashes.Parse(reader.IsDBNull(7) ? null : reader.GetString(7)), reader.GetString(8));
        }
    }

    /// <summary>Forgets the items after <paramref name="keep"/> finished ones and every in-flight row: they will be generated again.</summary>
    public void Rewind(IReadOnlyList<LedgerEntry> keep)
    {
        var last = keep.Count > 0 ? keep[^1].Position : -1;
        Execute("DELETE FROM items WHERE state = 'in_flight' OR position > $p", ("$p", last));
    }

    /// <summary>In one transaction: marks <paramref name="started"/> items in flight and records <paramref name="finished"/> ones.</summary>
    public void Record(IReadOnlyCollection<long> started, IReadOnlyCollection<LedgerEntry> finished)
    {
        using var transaction = _connection.BeginTransaction();
        using (var start = Prepare("INSERT OR IGNORE INTO items (position, state) VALUES ($p, 'in_flight')", "$p"))
        {
            foreach (var position in started)
            {
                start.Parameters[0].Value = position;
                start.ExecuteNonQuery();
            }
        }
        using (var finish = Prepare("INSERT OR REPLACE INTO items (position, state, checks, dialogues_end, rejected_end, tasks_end, states_end, hashes, usage) VALUES ($p, $s, $c, $d, $r, $t, $x, $h, $u)", "$p", "$s", "$c", "$d", "$r", "$t", "$x", "$h", "$u"))
        {
            foreach (var entry in finished)
            {
                object[] values = [entry.Position, entry.State, entry.Checks, entry.End.Dialogues, entry.End.Rejected, entry.End.Tasks, entry.End.States,
                    entry.Hashes?.ToString() ?? (object)DBNull.Value, entry.Usage];
                for (var i = 0; i < values.Length; i++) finish.Parameters[i].Value = values[i];
                finish.ExecuteNonQuery();
            }
        }
        transaction.Commit();
    }

    /// <inheritdoc />
    public void Dispose() => _connection.Dispose();

    private static RunLedger Connect(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        // WAL: a commit survives the process being killed; NORMAL skips the fsync per commit (the run files are
        // fsynced before each commit, and a ledger that lags the files only means some items are generated again).
        var ledger = new RunLedger(connection);
        ledger.Execute("PRAGMA synchronous = NORMAL");
        return ledger;
    }

    private bool HasColumn(string table, string column)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM pragma_table_info('{table}') WHERE name = $c";
        command.Parameters.AddWithValue("$c", column);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    private IReadOnlyDictionary<string, string> Read(string table)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = $"SELECT key, value FROM {table}";
        using var reader = command.ExecuteReader();
        var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read()) values[reader.GetString(0)] = reader.GetString(1);
        return values;
    }

    private SqliteCommand Prepare(string sql, params string[] names)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in names) command.Parameters.Add(new SqliteParameter { ParameterName = name });
        return command;
    }

    private void Execute(string sql, params (string Name, object Value)[] parameters)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        command.ExecuteNonQuery();
    }
}
