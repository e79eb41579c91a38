namespace Parley.Llm;

/// <summary>How the agent model is offered its tools.</summary>
public enum ToolCallingStyle
{
    /// <summary>The endpoint's native function calling (<c>tools</c> / <c>tool_calls</c>).</summary>
    Native,

    /// <summary>Tools described in the prompt and calls parsed from the reply text (for endpoints without function calling).</summary>
    Text,
}
