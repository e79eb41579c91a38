using ModelContextProtocol.Protocol;
using Parley.Tools;

namespace Parley.Mcp;

/// <summary>A Parley tool as an MCP server lists it: name, description, JSON Schema of its arguments, and hints.</summary>
internal static class McpToolListing
{
    /// <summary>The MCP listing of <paramref name="tool"/>.</summary>
    public static Tool Of(ToolSpec tool) => new()
    {
        Name = tool.Name,
        Description = tool.Description,
        InputSchema = tool.Parameters,
        Annotations = new ToolAnnotations { ReadOnlyHint = tool.Access == ToolAccess.Read, DestructiveHint = tool.Access == ToolAccess.Write ? true : null, OpenWorldHint = false },
    };
}
