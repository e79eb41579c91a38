namespace Parley.Environments;

/// <summary>One entry Parley writes into a dialogue's scratch folder before its server starts: a file with its text, or a folder when <see cref="Content"/> is null.</summary>
/// <param name="Path">The path relative to the scratch folder, with <c>/</c> separators.</param>
/// <param name="Content">The file's text; null for a folder.</param>
public sealed record McpScratchFile(string Path, string? Content);
