namespace Parley.Environments;

/// <summary>Rules that generate an environment's rows deterministically from a seed (with Bogus).</summary>
public sealed record SeedSpec
{
    /// <summary>Tables in insertion order (parents before children).</summary>
    public required IReadOnlyList<TableSeed> Tables { get; init; }

    /// <summary>SQL run after all rows are inserted, to derive consistent values (totals, copied prices).</summary>
    public IReadOnlyList<string> Finally { get => field ?? []; init; }
}

/// <summary>How to generate one table's rows. Columns whose names start with '_' are helpers, not inserted.</summary>
public sealed record TableSeed
{
    /// <summary>The table name.</summary>
    public required string Table { get; init; }

    /// <summary>Row count at scale 1.</summary>
    public required int Rows { get; init; }

    /// <summary>True for a lookup table of fixed size (a closed list of names): <c>--scale</c> leaves it alone.</summary>
    public bool Fixed { get; init; }

    /// <summary>Column rules in evaluation order (a format may use columns listed before it).</summary>
    public required IReadOnlyDictionary<string, ColumnRule> Columns { get; init; }
}
