namespace Parley.Design;

/// <summary>One column of a brought table: its declaration and what its rows hold.</summary>
internal sealed record ColumnProfile
{
    /// <summary>The column's name as declared (quote it in SQL).</summary>
    public required string Name { get; init; }

    /// <summary>The declared type, e.g. <c>NVARCHAR(40)</c>; empty when none.</summary>
    public required string DeclaredType { get; init; }

    /// <summary>What the column holds.</summary>
    public required ColumnKind Kind { get; init; }

    /// <summary>Declared NOT NULL.</summary>
    public bool NotNull { get; init; }

    /// <summary>Has a DEFAULT.</summary>
    public bool HasDefault { get; init; }

    /// <summary>Position in the primary key (1-based), 0 when not part of it.</summary>
    public int PrimaryKey { get; init; }

    /// <summary>A single-column UNIQUE constraint or index covers it.</summary>
    public bool Unique { get; init; }

    /// <summary>Rows with a value.</summary>
    public long NonNull { get; init; }

    /// <summary>Distinct values.</summary>
    public long Distinct { get; init; }

    /// <summary>Dates stored with a midnight time (<c>2021-01-01 00:00:00</c>): shown and compared as plain dates.</summary>
    public bool MidnightDates { get; init; }

    /// <summary>The latest date (as <c>yyyy-MM-dd</c>) of a date column, or null.</summary>
    public string? Latest { get; init; }

    /// <summary>The most frequent values, most frequent first (at most a dozen).</summary>
    public IReadOnlyList<string> TopValues { get; init; } = [];

    /// <summary>Values a CHECK constraint allows (<c>CHECK (x IN (...))</c>), empty when none.</summary>
    public IReadOnlyList<string> Allowed { get; init; } = [];

    /// <summary>The lowest value a CHECK constraint allows (<c>CHECK (x &gt;= n)</c>), or null.</summary>
    public double? Minimum { get; init; }
}
