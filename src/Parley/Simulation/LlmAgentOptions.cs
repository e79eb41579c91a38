namespace Parley.Simulation;

/// <summary>How an <see cref="LlmAgent"/> offers tools to its model.</summary>
public enum ToolCallingMode
{
    /// <summary>The endpoint's own tool calling (<c>tools</c> in the request, tool calls in the reply).</summary>
    Native,

    /// <summary>Tools described in the system prompt and calls parsed from <c>&lt;tool_call&gt;</c> blocks, for endpoints without native tools.</summary>
    Text,
}

/// <summary>Settings of an <see cref="LlmAgent"/> beyond the model's sampling settings.</summary>
public sealed record LlmAgentOptions
{
    /// <summary>Native (default) or text tool calling.</summary>
    public ToolCallingMode ToolCalling { get; init; } = ToolCallingMode.Native;

    /// <summary>Let the model make several calls in one turn.</summary>
    public bool AllowParallelToolCalls { get; init; } = true;
}
