namespace Parley.Tools;

/// <summary>A pass-through executor: derive from it to add one concern (validation, timing, logging) around an inner executor.</summary>
public abstract class DelegatingToolExecutor(IToolExecutor inner) : IToolExecutor
{
    /// <summary>The executor this one wraps.</summary>
    protected IToolExecutor Inner { get; } = inner;

    /// <inheritdoc />
    public virtual ValueTask<ToolResult> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken = default) =>
        Inner.ExecuteAsync(invocation, cancellationToken);
}
