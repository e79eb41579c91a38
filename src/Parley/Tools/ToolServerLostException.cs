namespace Parley.Tools;

/// <summary>
/// The server a dialogue's tools run on (an MCP server) stopped answering mid-dialogue. Unlike a tool's error, which is
/// data the agent sees, this ends the dialogue: it is kept as rejected with <see cref="Exception.Message"/> as the reason.
/// </summary>
internal sealed class ToolServerLostException(string message, Exception? inner = null) : Exception(message, inner);
