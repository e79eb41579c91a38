namespace Parley.Design;

/// <summary>A table of a brought database: its columns, keys and size.</summary>
internal sealed record TableProfile
{
    /// <summary>The table's name as declared.</summary>
    public required string Name { get; init; }

    /// <summary>Columns in declaration order.</summary>
    public required IReadOnlyList<ColumnProfile> Columns { get; init; }

    /// <summary>Single-column foreign keys (composite ones are left out: tools do not follow them).</summary>
    public required IReadOnlyList<ForeignKeyProfile> ForeignKeys { get; init; }

    /// <summary>Rows in the environment.</summary>
    public long Rows { get; init; }

    /// <summary>False for a WITHOUT ROWID table.</summary>
    public bool HasRowId { get; init; } = true;

    /// <summary>The primary-key columns, in key order; empty when the table has none (rows are then addressed by rowid).</summary>
    public IReadOnlyList<ColumnProfile> Key => [.. Columns.Where(c => c.PrimaryKey > 0).OrderBy(c => c.PrimaryKey)];

    /// <summary>The foreign key on <paramref name="column"/>, if any.</summary>
    public ForeignKeyProfile? ForeignKeyOn(string column) => ForeignKeys.FirstOrDefault(f => f.Column == column);

    /// <summary>A table that only links two others (every column a key, two foreign keys), like <c>playlist_track</c>.</summary>
    public bool IsJunction => ForeignKeys.Count == 2 && ForeignKeys[0].Parent != ForeignKeys[1].Parent
        && Columns.All(c => c.PrimaryKey > 0 || ForeignKeyOn(c.Name) is not null || c.Kind == ColumnKind.Blob);
}
