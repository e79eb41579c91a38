using Parley.Tools;

namespace Parley.Tests.TestDoubles;

/// <summary>An executor that records every invocation and answers with a fixed result, optionally tagged.</summary>
public sealed class RecordingToolExecutor(string content = "{\"status\":\"ok\"}") : IToolExecutor
{
    public List<ToolInvocation> Invocations { get; } = [];

    public ValueTask<ToolResult> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken = default)
    {
        Invocations.Add(invocation);
        return ValueTask.FromResult(ToolResult.Success(content));
    }
}

/// <summary>A layer that appends its name to a shared trace before and after calling the inner executor.</summary>
public sealed class TracingToolExecutor(IToolExecutor inner, string name, List<string> trace) : DelegatingToolExecutor(inner)
{
    public override async ValueTask<ToolResult> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken = default)
    {
        trace.Add(name + ">");
        var result = await Inner.ExecuteAsync(invocation, cancellationToken);
        trace.Add("<" + name);
        return result;
    }
}
