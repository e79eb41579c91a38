using System.Text.Json.Nodes;

namespace Parley.Mcp;

/// <summary>
/// Arguments for a tool that works on paths, and how to see that a write did what it should: the path to read back
/// (a file, or the folder that must now list <see cref="Expect"/>) and the text that must come back.
/// </summary>
internal sealed record PathCall(JsonObject Arguments, string? CheckPath = null, bool CheckFolder = false, string? Expect = null);
