using Parley.Tools;

namespace Parley.Design;

/// <summary>
/// A value a tool over a brought table exposes: a column (or the rowid of a table without a key) under a snake_case
/// alias that is the same in every tool, parameter and fact that carries it.
/// </summary>
/// <param name="Alias">The snake_case name results and parameters use.</param>
/// <param name="Column">The column's declared name, or null for the rowid.</param>
/// <param name="Kind">What it holds.</param>
/// <param name="AsDate">Read through <c>date()</c>: the column holds midnight date-times, which people say as dates.</param>
internal sealed record SchemaField(string Alias, string? Column, ColumnKind Kind, bool AsDate = false)
{
    /// <summary>The SQL expression reading it, qualified by <paramref name="qualifier"/> when given.</summary>
    public string Sql(string? qualifier = null)
    {
        var prefix = qualifier is null ? "" : qualifier + ".";
        var raw = prefix + (Column is null ? "rowid" : SqlText.Quote(Column));
        return AsDate ? $"date({raw})" : raw;
    }

    /// <summary>The raw column (no <c>date()</c>), for assignments and inserts.</summary>
    public string Target => Column is null ? "rowid" : SqlText.Quote(Column);

    /// <summary>The JSON Schema type of its values.</summary>
    public string JsonType => Kind switch { ColumnKind.Integer => "integer", ColumnKind.Number => "number", _ => "string" };

    /// <summary>How it reads in a sentence: <c>invoice_date</c> → "invoice date".</summary>
    public string Words => Alias.EndsWith("_id", StringComparison.Ordinal) ? SchemaNames.Words(Alias[..^3]) + " ID" : SchemaNames.Words(Alias);
}
