namespace Parley.Environments;

/// <summary>How a dialogue over an MCP server gets a clean state of its own.</summary>
internal static class McpIsolation
{
    /// <summary>Each dialogue starts its own server process (stdio), in a fresh <c>{scratch}</c> folder.</summary>
    public const string FreshProcess = "fresh_process";

    /// <summary>Each dialogue opens its own HTTP session (a Parley server gives every session its own database copy).</summary>
    public const string FreshSession = "fresh_session";

    /// <summary>Each dialogue opens a session and calls the server's <c>reset</c> tool first.</summary>
    public const string ResetTool = "reset_tool";
}
