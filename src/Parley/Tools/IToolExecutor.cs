namespace Parley.Tools;

/// <summary>Runs tool calls against one dialogue's environment.</summary>
/// <remarks>Failures come back as <see cref="ToolResult"/> errors; an exception means a bug or a broken environment.</remarks>
public interface IToolExecutor
{
    /// <summary>Runs one tool call.</summary>
    ValueTask<ToolResult> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken = default);
}
