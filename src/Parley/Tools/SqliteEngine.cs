using SQLitePCL;

namespace Parley.Tools;

/// <summary>Process-wide SQLite settings, applied once by the host (the CLI, a benchmark) before any database opens.</summary>
/// <remarks>
/// SQLite keeps these for the whole process and refuses them once it is initialised, so they belong to the program's
/// entry point, not to a library type. A library user who never calls <see cref="Configure"/> gets SQLite's defaults,
/// which are correct, merely a little slower.
/// </remarks>
public static class SqliteEngine
{
    /// <summary>
    /// Multi-thread mode without memory statistics: each Parley connection is only ever used by one thread at a time,
    /// so the per-connection mutexes and the global allocation counter are pure overhead. Returns false when SQLite was
    /// already initialised (the defaults then stay).
    /// </summary>
    public static bool Configure()
    {
        Batteries_V2.Init();
        var multiThread = raw.sqlite3_config(2 /* SQLITE_CONFIG_MULTITHREAD */);
        var noMemoryStatistics = raw.sqlite3_config(9 /* SQLITE_CONFIG_MEMSTATUS */, 0);
        return multiThread == 0 && noMemoryStatistics == 0;
    }
}
