namespace Parley.Tools;

/// <summary>A request to run one tool: the call id, the tool name, and the arguments as JSON text.</summary>
public sealed record ToolInvocation(string CallId, string Name, string Arguments);
