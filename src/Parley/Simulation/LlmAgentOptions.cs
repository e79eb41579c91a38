using Parley.Llm;

namespace Parley.Simulation;

/// <summary>Settings of an <see cref="LlmAgent"/> beyond the model's sampling settings.</summary>
internal sealed record LlmAgentOptions
{
    /// <summary>Native (default) or text tool calling.</summary>
    public ToolCallingStyle ToolCalling { get; init; } = ToolCallingStyle.Native;
}
