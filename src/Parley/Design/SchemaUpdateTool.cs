using Parley.Tools;

namespace Parley.Design;

/// <summary>A guarded update of one column of one row, and the values a user may ask for.</summary>
internal sealed record SchemaUpdateTool(ToolSpec Tool, TableProfile Table, SchemaField Field, IReadOnlyList<string> Values);
