namespace Parley.Environments;

/// <summary>Concrete rows of one table: column names, then one value list per row (string, integer, real or null).</summary>
public sealed record TableData(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<object?>> Rows);
