using Parley.Environments;
using Parley.Tools;

namespace Parley.Simulation;

/// <summary>One dialogue's private world: the environment, its own database copy, and the executor over that copy.</summary>
public sealed class DialogueSession : IDisposable
{
    private readonly SandboxLease _lease;

    private DialogueSession(EnvironmentDatabase environment, SandboxLease lease)
    {
        Environment = environment;
        _lease = lease;
    }

    /// <summary>The environment.</summary>
    public EnvironmentDatabase Environment { get; }

    /// <summary>This dialogue's database.</summary>
    public SqliteSandbox Database => _lease.Database;

    /// <summary>Runs tool calls against <see cref="Database"/>.</summary>
    public IToolExecutor Executor => _lease.Executor;

    /// <summary>Opens a session on a fresh copy of the environment's database.</summary>
    public static DialogueSession Open(EnvironmentDatabase environment) => new(environment, environment.Rent());

    /// <inheritdoc />
    public void Dispose() => _lease.Dispose();
}
