using System.Diagnostics;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Parley.Environments;

/// <summary>
/// An in-memory SQLite database that tools may use but not escape: once <see cref="Lock"/>ed, an authorizer denies
/// ATTACH/DETACH, schema changes, PRAGMAs and extension loading, and a progress handler interrupts any statement
/// that runs past its time budget.
/// </summary>
/// <remarks>Not thread-safe: one sandbox belongs to one dialogue at a time.</remarks>
public sealed class SqliteSandbox : IDisposable
{
    private const int Ok = 0, Deny = 1;
    private const int ProgressOpsPerCheck = 4_000;
    private long _deadline = long.MaxValue;
    private long _budgetTicks;
    private readonly Dictionary<string, HashSet<long>> _changed = new(StringComparer.Ordinal);
    private long _hookedChanges, _countedChanges;

    static SqliteSandbox()
    {
        // Process-wide, before SQLite initialises: each connection is only ever used by one thread at a time, so the
        // per-connection mutexes and the global allocation counter are pure overhead. If SQLite was already
        // initialised elsewhere these calls are refused and the defaults stay, which is merely slower.
        Batteries_V2.Init();
        raw.sqlite3_config(2 /* SQLITE_CONFIG_MULTITHREAD */);
        raw.sqlite3_config(9 /* SQLITE_CONFIG_MEMSTATUS */, 0);
    }

    private SqliteSandbox(SqliteConnection connection)
    {
        Connection = connection;
        // Track which tables change, so state hashing re-reads only those.
        raw.sqlite3_update_hook(connection.Handle!, OnUpdate, null);
    }

    /// <summary>The open connection.</summary>
    public SqliteConnection Connection { get; }

    /// <summary>True once <see cref="Lock"/> has been called.</summary>
    public bool IsLocked { get; private set; }

    /// <summary>Opens an empty in-memory database with foreign keys enforced.</summary>
    public static SqliteSandbox OpenInMemory()
    {
        var connection = new SqliteConnection("Data Source=:memory:;Pooling=False;Foreign Keys=True");
        connection.Open();
        return new SqliteSandbox(connection);
    }

    /// <summary>Installs the authorizer and the per-statement time budget. Irreversible.</summary>
    public void Lock(TimeSpan statementBudget)
    {
        _budgetTicks = (long)(statementBudget.TotalSeconds * Stopwatch.Frequency);
        var handle = Connection.Handle!;
        raw.sqlite3_set_authorizer(handle, Authorize, null);
        raw.sqlite3_progress_handler(handle, ProgressOpsPerCheck, OnProgress, null);
        IsLocked = true;
    }

    /// <summary>The transaction every change of the current scope lives in (see <see cref="BeginScope"/>), or null.</summary>
    public SqliteTransaction? Scope { get; private set; }

    /// <summary>
    /// Starts a scope: everything written from now on can be undone at once by <see cref="EndScope"/>. Undoing a
    /// transaction keeps the connection's prepared statements, which restoring a copy with the backup API would not.
    /// </summary>
    public void BeginScope()
    {
        Scope ??= Connection.BeginTransaction();
        ResetChanges();
    }

    /// <summary>
    /// Restarts a scope that SQLite ended on its own (an interrupted write rolls the whole transaction back): the
    /// content is then the template's again, and later calls work instead of failing on a completed transaction.
    /// </summary>
    public void EnsureScope()
    {
        if (Scope is null || raw.sqlite3_get_autocommit(Connection.Handle!) == 0) return;
        Scope.Dispose();
        Scope = Connection.BeginTransaction();
        ResetChanges();
    }

    /// <summary>Undoes everything written since <see cref="BeginScope"/>; false when the scope was lost (an interrupted write rolls it back).</summary>
    public bool EndScope()
    {
        if (Scope is null) return true;
        var intact = raw.sqlite3_get_autocommit(Connection.Handle!) == 0;
        if (intact) Scope.Rollback();
        Scope.Dispose();
        Scope = null;
        ResetChanges();
        return intact;
    }

    /// <summary>Starts the time budget for the next statement(s); call before executing tool SQL.</summary>
    public void Arm() => _deadline = _budgetTicks == 0 ? long.MaxValue : Stopwatch.GetTimestamp() + _budgetTicks;

    /// <summary>Ends the time budget started by <see cref="Arm"/>; call when the tool's statements are done.</summary>
    /// <remarks>A copy outlives the tool call (the planner, the end-state hash and the next dialogue use it): a stale
    /// deadline would interrupt their statements once the call is more than the budget in the past.</remarks>
    public void Disarm() => _deadline = long.MaxValue;

    /// <summary>Copies this database's content into <paramref name="target"/> (SQLite's backup API) and resets its change tracking.</summary>
    public void CopyTo(SqliteSandbox target)
    {
        Connection.BackupDatabase(target.Connection);
        target.ResetChanges();
    }

    /// <summary>Forgets the changes seen so far: the current content becomes the baseline.</summary>
    public void ResetChanges()
    {
        foreach (var rows in _changed.Values) rows.Clear();
        _countedChanges = raw.sqlite3_total_changes(Connection.Handle!);
        _hookedChanges = 0;
    }

    /// <summary>True when nothing was written since the baseline (a fresh copy or scope is the template).</summary>
    public bool IsPristine => raw.sqlite3_total_changes(Connection.Handle!) == _countedChanges;

    /// <summary>Rowids of <paramref name="table"/> inserted, updated or deleted since the baseline.</summary>
    internal IReadOnlyCollection<long>? ChangedRows(string table) => _changed.GetValueOrDefault(table);

    /// <summary>True when SQLite counted changes the update hook did not report (truncation, WITHOUT ROWID tables).</summary>
    internal bool HasUntrackedChanges => raw.sqlite3_total_changes(Connection.Handle!) - _countedChanges != _hookedChanges;

    private void OnUpdate(object userData, int operation, utf8z database, utf8z table, long rowid)
    {
        _hookedChanges++;
        var name = table.utf8_to_string();
        if (!_changed.TryGetValue(name, out var rows)) _changed[name] = rows = [];
        rows.Add(rowid);
    }

    private int OnProgress(object userData) => Stopwatch.GetTimestamp() > _deadline ? 1 : 0;

    private static int Authorize(object userData, int action, utf8z p1, utf8z p2, utf8z db, utf8z trigger) => action switch
    {
        9 or 18 or 20 or 21 or 22 or 23 or 32 or 33 => Ok, // DELETE, INSERT, READ, SELECT, TRANSACTION, UPDATE, SAVEPOINT, RECURSIVE
        31 => p2.utf8_to_string() is "load_extension" ? Deny : Ok, // FUNCTION
        _ => Deny, // schema changes, PRAGMA, ATTACH, DETACH, REINDEX, ANALYZE, virtual tables
    };

    /// <inheritdoc />
    public void Dispose()
    {
        Scope?.Dispose();
        Connection.Dispose();
    }
}
