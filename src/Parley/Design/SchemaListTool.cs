using Parley.Tools;

namespace Parley.Design;

/// <summary>A tool listing the rows of <see cref="Rows"/> that belong to one row of <see cref="Parent"/>.</summary>
/// <param name="Tool">The tool.</param>
/// <param name="Parent">The table whose row is given.</param>
/// <param name="Rows">The table whose rows are listed (through a junction table for a many-to-many relation).</param>
/// <param name="Parameter">The parameter naming the parent row (the parent's key alias).</param>
/// <param name="Via">The table whose foreign key links the two: <see cref="Rows"/> itself, or the junction table.</param>
/// <param name="ForeignKey">The column of <see cref="Via"/> that points at the parent.</param>
internal sealed record SchemaListTool(ToolSpec Tool, TableProfile Parent, TableProfile Rows, SchemaField Parameter, TableProfile Via, string ForeignKey)
{
    /// <summary>True when the tool takes <c>from_date</c> (the listed rows have a date).</summary>
    public bool ByDate { get; init; }
}
