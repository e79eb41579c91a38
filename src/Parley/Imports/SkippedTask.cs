namespace Parley.Imports;

/// <summary>A τ² task that was not imported, and why.</summary>
public sealed record SkippedTask(string Id, string Reason);
