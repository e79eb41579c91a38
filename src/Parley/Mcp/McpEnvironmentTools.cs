namespace Parley.Mcp;

/// <summary>The evaluator tools a Parley MCP server adds when asked (<c>--evaluator-tools</c>).</summary>
internal static class McpEnvironmentTools
{
    /// <summary>Brings the session's database back to the environment's initial state.</summary>
    public const string Reset = "reset";

    /// <summary>Returns the canonical hash of the session's mutable tables.</summary>
    public const string StateHash = "state_hash";
}
