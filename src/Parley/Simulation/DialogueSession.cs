using Parley.Environments;
using Parley.Tools;

namespace Parley.Simulation;

/// <summary>One dialogue's private world: the environment, its own database copy, and the executor over that copy.</summary>
public sealed class DialogueSession : IDisposable
{
    private DialogueSession(EnvironmentDatabase environment, SqliteSandbox database)
    {
        Environment = environment;
        Database = database;
        Executor = environment.CreateExecutor(database);
    }

    /// <summary>The environment.</summary>
    public EnvironmentDatabase Environment { get; }

    /// <summary>This dialogue's database.</summary>
    public SqliteSandbox Database { get; }

    /// <summary>Runs tool calls against <see cref="Database"/>.</summary>
    public IToolExecutor Executor { get; }

    /// <summary>Opens a session on a fresh copy of the environment's database.</summary>
    public static DialogueSession Open(EnvironmentDatabase environment) => new(environment, environment.OpenCopy());

    /// <inheritdoc />
    public void Dispose() => Database.Dispose();
}
