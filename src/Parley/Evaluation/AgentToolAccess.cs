namespace Parley.Evaluation;

/// <summary>How the agent under test reaches its tools.</summary>
public enum AgentToolAccess
{
    /// <summary>Parley runs the agent's calls on the trial's database itself.</summary>
    Direct,
    /// <summary>
    /// Only through MCP: the trial's database is served by an MCP server of its own, the agent is shown the tools that
    /// server lists, and every call is an MCP <c>tools/call</c>.
    /// </summary>
    Mcp,
}
