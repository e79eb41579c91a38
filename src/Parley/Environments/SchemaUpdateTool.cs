using Parley.Tools;

namespace Parley.Environments;

/// <summary>A guarded update of one column of one row, and the values a user may ask for.</summary>
internal sealed record SchemaUpdateTool(ToolSpec Tool, TableProfile Table, SchemaField Field, IReadOnlyList<string> Values);
