using Parley.Environments;
using Parley.Tools;

namespace Parley.Simulation;

/// <summary>One dialogue's private world: the environment, its own database copy, and the executor over that copy.</summary>
internal sealed class DialogueSession : IDisposable
{
    private readonly SandboxLease _lease;

    private IToolExecutor? _executor;

    private DialogueSession(EnvironmentDatabase environment, SandboxLease lease, IToolExecutor? executor)
    {
        Environment = environment;
        _lease = lease;
        _executor = executor;
    }

    /// <summary>The environment.</summary>
    public EnvironmentDatabase Environment { get; }

    /// <summary>This dialogue's database.</summary>
    public SqliteSandbox Database => _lease.Database;

    /// <summary>Runs the dialogue's tool calls: SQL against <see cref="Database"/> unless the session was opened with another executor.</summary>
    public IToolExecutor Executor => _executor ?? _lease.Executor;

    /// <summary>The tools the agent is shown: the environment's, unless the calls were routed elsewhere (<see cref="Reroute"/>).</summary>
    public ToolCatalog AgentTools { get => field ?? Environment.Tools; private set; }

    /// <summary>
    /// Sends the dialogue's tool calls through <paramref name="executor"/> from now on (e.g. an MCP server over this
    /// session's own <see cref="Database"/>) and shows the agent <paramref name="agentTools"/>, the tools that route offers.
    /// </summary>
    public void Reroute(IToolExecutor executor, ToolCatalog agentTools)
    {
        _executor = executor;
        AgentTools = agentTools;
    }

    /// <summary>The executor of the session's own database copy, whatever the calls are routed through.</summary>
    public IToolExecutor DatabaseExecutor => _lease.Executor;

    /// <summary>True when the tools run on something other than <see cref="Database"/> (e.g. a model simulating results).</summary>
    public bool HasCustomExecutor => _executor is not null;

    /// <summary>Opens a session on a fresh copy of the environment's database, running tools as SQL on it.</summary>
    public static DialogueSession Open(EnvironmentDatabase environment) => new(environment, environment.Rent(), null);

    /// <summary>Opens a session whose tool calls go to <paramref name="executor"/> instead (the database copy is still there to hash).</summary>
    public static DialogueSession Open(EnvironmentDatabase environment, IToolExecutor? executor) => new(environment, environment.Rent(), executor);

    /// <inheritdoc />
    public void Dispose() => _lease.Dispose();
}
