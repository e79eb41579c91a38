namespace Parley.Tools;

/// <summary>
/// The hard limits every <see cref="SqliteSandbox"/> enforces on SQL that Parley did not write itself (schemas, seeds,
/// tools, principal and scenario queries, imported databases).
/// </summary>
/// <remarks>
/// Built-in domains stay far below every limit at any <c>--scale</c> Parley documents; a hostile or runaway environment
/// meets a clear error or a tool error result instead of exhausting the host.
/// </remarks>
internal static class SandboxLimits
{
    /// <summary>The time budget of one statement (a tool call, a principal or scenario query, a schema or seed script).</summary>
    public static TimeSpan StatementBudget { get; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest string or blob a value may be, in bytes (<c>SQLITE_LIMIT_LENGTH</c>).</summary>
    public const int MaxValueBytes = 1 << 20;

    /// <summary>The longest SQL text of one call, in bytes (<c>SQLITE_LIMIT_SQL_LENGTH</c>); an imported SQL script may be longer.</summary>
    public const int MaxSqlBytes = 1 << 20;

    /// <summary>Columns in a table, a result or an index (<c>SQLITE_LIMIT_COLUMN</c>).</summary>
    public const int MaxColumns = 500;

    /// <summary>Expression nesting depth (<c>SQLITE_LIMIT_EXPR_DEPTH</c>).</summary>
    public const int MaxExpressionDepth = 200;

    /// <summary>Terms of a compound SELECT (<c>SQLITE_LIMIT_COMPOUND_SELECT</c>).</summary>
    public const int MaxCompoundSelect = 50;

    /// <summary>Length of a LIKE or GLOB pattern (<c>SQLITE_LIMIT_LIKE_PATTERN_LENGTH</c>).</summary>
    public const int MaxLikePattern = 1_000;

    /// <summary>Bound parameters of one statement (<c>SQLITE_LIMIT_VARIABLE_NUMBER</c>).</summary>
    public const int MaxVariables = 999;

    /// <summary>Nesting of triggers firing triggers (<c>SQLITE_LIMIT_TRIGGER_DEPTH</c>).</summary>
    public const int MaxTriggerDepth = 32;

    /// <summary>The largest a template database may grow while it is built (schema and seed rows), in bytes.</summary>
    public const long MaxDatabaseBytes = 1L << 30;

    /// <summary>How much a dialogue's copy may grow beyond its template, in bytes.</summary>
    public const long MaxGrowthBytes = 64L << 20;

    /// <summary>Rows one tool result may hold; more is a <c>result_too_large</c> tool error.</summary>
    public const int MaxResultRows = 1_000;

    /// <summary>Bytes of JSON one tool result may hold; more is a <c>result_too_large</c> tool error.</summary>
    public const int MaxResultBytes = 1 << 20;

    /// <summary>Rows a principal or scenario sample query may return.</summary>
    public const int MaxQueryRows = 100_000;

    /// <summary>Rows one table may be seeded with (generated at the requested scale, or given in the environment file).</summary>
    public const int MaxSeedRowsPerTable = 200_000;
}
