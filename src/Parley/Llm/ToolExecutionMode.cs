namespace Parley.Llm;

/// <summary>How tool calls get their results.</summary>
public enum ToolExecutionMode
{
    /// <summary>Run as parameterised SQL against the environment's database (the default).</summary>
    Sql,

    /// <summary>Invented by the <see cref="LlmRole.ToolSimulator"/> model (the published pipeline without execution).</summary>
    Simulated,
}
