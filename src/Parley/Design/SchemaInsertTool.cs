using Parley.Tools;

namespace Parley.Design;

/// <summary>
/// A tool adding a row of <see cref="Table"/> for the principal: the principal's key, at most one other parent named by
/// its label (found with a search first), and values for the NOT NULL columns drawn from the ones the table holds.
/// </summary>
internal sealed record SchemaInsertTool(ToolSpec Tool, TableProfile Table, SchemaField Principal)
{
    /// <summary>Another parent the new row needs: its table and the parameter carrying its key, or null.</summary>
    public (TableProfile Table, SchemaField Parameter)? Other { get; init; }

    /// <summary>Plain values the user gives, with choices drawn from the rows.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Values { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
}
