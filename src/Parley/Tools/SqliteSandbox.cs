using System.Collections.Frozen;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Parley.Tools;

/// <summary>
/// An in-memory SQLite database that untrusted SQL may use but not escape. From the moment it opens, an authorizer
/// denies ATTACH/DETACH (and so <c>VACUUM INTO</c>), extension loading, transaction control and savepoints, and every
/// PRAGMA but a read-only few; schema changes are allowed only in <see cref="SandboxPhase.Schema"/>, writes not while a
/// read tool runs. <c>sqlite3_limit</c> bounds value and SQL length, columns, expression depth, compound selects, LIKE
/// patterns, variables and triggers, allows no attached database, and a page cap bounds the database's size. A progress
/// handler interrupts any statement run past its time budget (see <see cref="Arm"/>).
/// </summary>
/// <remarks>
/// Not thread-safe: one sandbox belongs to one dialogue at a time. Parley's own statements (transactions, its foreign-key
/// indexes, <c>ANALYZE</c>) run inside <see cref="Trust"/>; nothing an environment declares ever does.
/// </remarks>
public sealed class SqliteSandbox : IDisposable
{
    private const int Ok = 0, Deny = 1, PageBytes = 4096;
    private const int ProgressOpsPerCheck = 4_000;
    private static readonly FrozenSet<string> ReadOnlyPragmas = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "table_info", "table_xinfo", "table_list", "index_list", "index_info", "index_xinfo", "foreign_key_list", "collation_list");
    private long _deadline = long.MaxValue;
    private long _budgetTicks;
    private int _trusted;
    private bool _readOnly;
    private readonly Dictionary<string, HashSet<long>> _changed = new(StringComparer.Ordinal);
    private long _hookedChanges, _countedChanges;

    private SqliteSandbox(SqliteConnection connection, TimeSpan statementBudget)
    {
        Connection = connection;
        var handle = connection.Handle!;
        SetLimits(handle);
        _budgetTicks = Ticks(statementBudget);
        raw.sqlite3_set_authorizer(handle, Authorize, null);
        raw.sqlite3_progress_handler(handle, ProgressOpsPerCheck, OnProgress, null);
        CapSize(SandboxLimits.MaxDatabaseBytes);
        // Track which tables change, so state hashing re-reads only those.
        raw.sqlite3_update_hook(handle, OnUpdate, null);
    }

    /// <summary>The open connection.</summary>
    public SqliteConnection Connection { get; }

    /// <summary>What untrusted SQL may do now.</summary>
    public SandboxPhase Phase { get; private set; } = SandboxPhase.Schema;

    /// <summary>True once <see cref="Lock"/> has been called.</summary>
    public bool IsLocked => Phase == SandboxPhase.Tools;

    /// <summary>Opens an empty in-memory database in <see cref="SandboxPhase.Schema"/>, with foreign keys enforced unless told otherwise.</summary>
    /// <param name="statementBudget">The time budget of each armed statement (default <see cref="SandboxLimits.StatementBudget"/>).</param>
    /// <param name="foreignKeys">False to leave foreign keys unenforced (sampling an imported database).</param>
    public static SqliteSandbox OpenInMemory(TimeSpan? statementBudget = null, bool foreignKeys = true)
    {
        var connection = new SqliteConnection($"Data Source=:memory:;Pooling=False;Foreign Keys={foreignKeys}");
        connection.Open();
        return new SqliteSandbox(connection, statementBudget ?? SandboxLimits.StatementBudget);
    }

    /// <summary>Moves to <see cref="SandboxPhase.Data"/>: from now on untrusted SQL may change rows but not the schema.</summary>
    public void EndSchema()
    {
        if (Phase == SandboxPhase.Schema) Phase = SandboxPhase.Data;
    }

    /// <summary>
    /// Moves to <see cref="SandboxPhase.Tools"/> with <paramref name="statementBudget"/> per statement, and lets the
    /// database grow by at most <see cref="SandboxLimits.MaxGrowthBytes"/>. Irreversible; calling it again only changes the budget.
    /// </summary>
    public void Lock(TimeSpan statementBudget)
    {
        _budgetTicks = Ticks(statementBudget);
        if (Phase == SandboxPhase.Tools) return;
        Phase = SandboxPhase.Tools;
        using (Trust())
        {
            using var pages = Connection.CreateCommand();
            pages.CommandText = "PRAGMA page_count";
            CapSize((long)pages.ExecuteScalar()! * PageBytes + SandboxLimits.MaxGrowthBytes);
        }
    }

    /// <summary>The transaction every change of the current scope lives in (see <see cref="BeginScope"/>), or null.</summary>
    public SqliteTransaction? Scope { get; private set; }

    /// <summary>
    /// Starts a scope: everything written from now on can be undone at once by <see cref="EndScope"/>. Undoing a
    /// transaction keeps the connection's prepared statements, which restoring a copy with the backup API would not.
    /// </summary>
    public void BeginScope()
    {
        using (Trust()) Scope ??= Connection.BeginTransaction();
        ResetChanges();
    }

    /// <summary>
    /// Restarts a scope that SQLite ended on its own (an interrupted write rolls the whole transaction back): the
    /// content is then the template's again, and later calls work instead of failing on a completed transaction.
    /// </summary>
    public void EnsureScope()
    {
        if (Scope is null || raw.sqlite3_get_autocommit(Connection.Handle!) == 0) return;
        using (Trust())
        {
            Scope.Dispose();
            Scope = Connection.BeginTransaction();
        }
        ResetChanges();
    }

    /// <summary>Undoes everything written since <see cref="BeginScope"/>; false when the scope was lost (an interrupted write rolls it back).</summary>
    public bool EndScope()
    {
        if (Scope is null) return true;
        var intact = raw.sqlite3_get_autocommit(Connection.Handle!) == 0;
        using (Trust())
        {
            if (intact) Scope.Rollback();
            Scope.Dispose();
        }
        Scope = null;
        ResetChanges();
        return intact;
    }

    /// <summary>
    /// Starts the time budget for the next statement(s); call before executing untrusted SQL. With
    /// <paramref name="readOnly"/>, statements prepared until <see cref="Disarm"/> may not write.
    /// </summary>
    public void Arm(bool readOnly = false)
    {
        _readOnly = readOnly;
        _deadline = _budgetTicks == 0 ? long.MaxValue : Stopwatch.GetTimestamp() + _budgetTicks;
    }

    /// <summary>Ends the time budget started by <see cref="Arm"/>; call when the untrusted statements are done.</summary>
    /// <remarks>A copy outlives the tool call (the planner, the end-state hash and the next dialogue use it): a stale
    /// deadline would interrupt their statements once the call is more than the budget in the past.</remarks>
    public void Disarm()
    {
        _readOnly = false;
        _deadline = long.MaxValue;
    }

    /// <summary>
    /// Lets Parley's own statements through the authorizer (transaction control, its indexes, PRAGMAs it needs) until
    /// the returned value is disposed. ATTACH, DETACH and extension loading stay denied even then.
    /// </summary>
    internal TrustedSection Trust()
    {
        _trusted++;
        return new TrustedSection(this);
    }

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

    private static void SetLimits(sqlite3 handle)
    {
        raw.sqlite3_limit(handle, 0 /* LENGTH */, SandboxLimits.MaxValueBytes);
        raw.sqlite3_limit(handle, 1 /* SQL_LENGTH */, SandboxLimits.MaxSqlBytes);
        raw.sqlite3_limit(handle, 2 /* COLUMN */, SandboxLimits.MaxColumns);
        raw.sqlite3_limit(handle, 3 /* EXPR_DEPTH */, SandboxLimits.MaxExpressionDepth);
        raw.sqlite3_limit(handle, 4 /* COMPOUND_SELECT */, SandboxLimits.MaxCompoundSelect);
        raw.sqlite3_limit(handle, 7 /* ATTACHED */, 0);
        raw.sqlite3_limit(handle, 8 /* LIKE_PATTERN_LENGTH */, SandboxLimits.MaxLikePattern);
        raw.sqlite3_limit(handle, 9 /* VARIABLE_NUMBER */, SandboxLimits.MaxVariables);
        raw.sqlite3_limit(handle, 10 /* TRIGGER_DEPTH */, SandboxLimits.MaxTriggerDepth);
    }

    // An in-memory database's pages are memory: a page cap bounds what a runaway INSERT can take (SQLITE_FULL instead).
    private void CapSize(long bytes)
    {
        using (Trust())
        {
            using var cap = Connection.CreateCommand();
            cap.CommandText = $"PRAGMA max_page_count = {Math.Max(1, bytes / PageBytes)}";
            cap.ExecuteNonQuery();
        }
    }

    private static long Ticks(TimeSpan budget) => (long)(budget.TotalSeconds * Stopwatch.Frequency);

    private void OnUpdate(object userData, int operation, utf8z database, utf8z table, long rowid)
    {
        _hookedChanges++;
        var name = table.utf8_to_string();
        if (!_changed.TryGetValue(name, out var rows)) _changed[name] = rows = [];
        rows.Add(rowid);
    }

    private int OnProgress(object userData) => Stopwatch.GetTimestamp() > _deadline ? 1 : 0;

    // Action codes: https://sqlite.org/c3ref/c_alter_table.html. The authorizer runs when a statement is prepared.
    private int Authorize(object userData, int action, utf8z p1, utf8z p2, utf8z db, utf8z trigger) => action switch
    {
        20 or 21 or 33 => Ok, // READ, SELECT, RECURSIVE
        9 or 18 or 23 => _readOnly && _trusted == 0 ? Deny : Ok, // DELETE, INSERT, UPDATE
        31 => p2.utf8_to_string() is "load_extension" ? Deny : Ok, // FUNCTION
        24 or 25 => Deny, // ATTACH, DETACH (VACUUM attaches its target first, so VACUUM INTO is refused here)
        22 or 32 => _trusted > 0 ? Ok : Deny, // TRANSACTION, SAVEPOINT
        19 => _trusted > 0 || ReadOnlyPragmas.Contains(p1.utf8_to_string() ?? "") ? Ok : Deny, // PRAGMA
        29 or 30 => Deny, // CREATE/DROP VIRTUAL TABLE
        _ => _trusted > 0 || Phase == SandboxPhase.Schema ? Ok : Deny, // schema changes, REINDEX, ANALYZE
    };

    /// <inheritdoc />
    public void Dispose()
    {
        using (Trust()) Scope?.Dispose();
        Connection.Dispose();
    }

    /// <summary>Ends a <see cref="Trust"/> section when disposed.</summary>
    internal readonly struct TrustedSection(SqliteSandbox sandbox) : IDisposable
    {
        /// <inheritdoc />
        public void Dispose() => sandbox._trusted--;
    }
}
