using System.Text.Json.Nodes;
using Parley.Tools;

namespace Parley.Mcp;

/// <summary>One planned call of an MCP task, and the text its result must contain (the value a create just wrote), if any.</summary>
internal sealed record TaskStep(ToolSpec Tool, JsonObject Arguments, string? MustContain);
