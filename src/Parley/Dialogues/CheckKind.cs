namespace Parley.Dialogues;

/// <summary>The checks Parley runs on a dialogue, and the stages before them that can reject one.</summary>
public enum CheckKind
{
    /// <summary>No task could be planned.</summary>
    Planning,
    /// <summary>An existing conversation could not be continued.</summary>
    Augment,
    /// <summary>A model call failed after its retries.</summary>
    Llm,
    /// <summary>An MCP tool server stopped answering.</summary>
    Mcp,
    /// <summary>The messages' order and roles.</summary>
    Messages,
    /// <summary>Every call names a known tool with valid arguments.</summary>
    ToolCalls,
    /// <summary>Every call is answered once, by id.</summary>
    ToolCallIds,
    /// <summary>The user ended the dialogue.</summary>
    Termination,
    /// <summary>A task's end state matches the planned one (per task).</summary>
    EndState,
    /// <summary>An MCP task's planned calls succeeded (per task).</summary>
    Calls,
    /// <summary>An MCP server's state probe matches the planned end state.</summary>
    StateProbe,
    /// <summary>Every value the assistant states comes from a tool, the user or the policy.</summary>
    Grounding,
    /// <summary>The LLM judge's verdict.</summary>
    Judge,
    /// <summary>The judge's model gave no judgment.</summary>
    JudgeUnavailable,
}
