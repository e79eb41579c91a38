namespace Parley.Mcp;

/// <summary>
/// What a state probe saw: the hash the plan and the dialogue are compared by and, for a server that works on paths,
/// the folders and files it listed with the text read back from each file (what the planner draws paths from).
/// </summary>
internal sealed record McpSnapshot(string Hash, IReadOnlyList<string> Folders, IReadOnlyDictionary<string, string> Files)
{
    /// <summary>True when the probe listed paths.</summary>
    public bool HasPaths => Folders.Count > 0 || Files.Count > 0;
}
