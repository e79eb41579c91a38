using Parley.Environments;

namespace Parley.Design;

/// <summary>One table's rows as the designer's strict schema asks for them: a list entry naming its table.</summary>
internal sealed record TableReply
{
    public required string Table { get; init; }
    public required IReadOnlyList<string> Columns { get; init; }
    public required IReadOnlyList<IReadOnlyList<object?>> Rows { get; init; }

    /// <summary>The rows by table, as an environment keeps them.</summary>
    public static IReadOnlyDictionary<string, TableData> ToData(IEnumerable<TableReply> tables) =>
        tables.GroupBy(t => t.Table, StringComparer.Ordinal).ToDictionary(g => g.Key, g => new TableData(g.Last().Columns, g.Last().Rows), StringComparer.Ordinal);

    /// <summary>Tables given more than once (the reply is sent back: which one was meant is unknown).</summary>
    public static IEnumerable<string> Repeated(IEnumerable<TableReply> tables) =>
        tables.GroupBy(t => t.Table, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key);

    /// <summary><paramref name="data"/> in the reply's shape, to show the model.</summary>
    public static IReadOnlyList<TableReply> From(IReadOnlyDictionary<string, TableData> data) =>
        [.. data.Select(t => new TableReply { Table = t.Key, Columns = t.Value.Columns, Rows = t.Value.Rows })];
}
