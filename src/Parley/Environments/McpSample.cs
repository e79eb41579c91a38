using System.Text.Json;

namespace Parley.Environments;

/// <summary>One call made while designing an MCP environment, and what the server answered.</summary>
public sealed record McpSample(string Tool, JsonElement Arguments, JsonElement Result);
