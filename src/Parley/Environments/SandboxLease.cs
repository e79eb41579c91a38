using Parley.Tools;

namespace Parley.Environments;

/// <summary>A pooled database copy and its executor, lent to one dialogue or planning run; disposing returns it.</summary>
/// <remarks>Not thread-safe: a lease belongs to one dialogue at a time.</remarks>
public sealed class SandboxLease : IDisposable
{
    private readonly EnvironmentDatabase _owner;
    private bool _returned;

    internal SandboxLease(EnvironmentDatabase owner, SqliteSandbox database, IToolExecutor executor)
    {
        _owner = owner;
        Database = database;
        Executor = executor;
    }

    /// <summary>The database copy.</summary>
    public SqliteSandbox Database { get; }

    /// <summary>The executor over <see cref="Database"/>, with its prepared statements.</summary>
    public IToolExecutor Executor { get; }

    /// <summary>Marks the lease as lent out again.</summary>
    internal SandboxLease Renew()
    {
        _returned = false;
        return this;
    }

    /// <summary>Returns the copy to the pool.</summary>
    public void Dispose()
    {
        if (_returned) return;
        _returned = true;
        _owner.Return(this);
    }
}
