using Parley.Tools;

namespace Parley.Environments;

/// <summary>
/// A tool environment as a declaration: a SQLite schema, seed rules or concrete rows, tools whose implementations are
/// parameterised SQL, the agent's policy, and the scenarios a rule-based planner draws tasks from.
/// The built-in catalog and LLM-designed environments share this one format.
/// </summary>
public sealed record EnvironmentSpec
{
    /// <summary>Artifact format version.</summary>
    public int SchemaVersion { get; init; } = 1;

    /// <summary>Stable id, unique in a run (a built-in domain's name, or a designed environment's id).</summary>
    public required string Id { get; init; }

    /// <summary>The domain's name, e.g. <c>retail</c>.</summary>
    public required string Domain { get; init; }

    /// <summary>One paragraph on what the domain is.</summary>
    public required string Description { get; init; }

    /// <summary>The agent's rules, as markdown; it goes into the agent's system prompt.</summary>
    public string Policy { get => field ?? ""; init; }

    /// <summary>The environment's "today" (ISO date), bound as <c>:today</c> in SQL, so relative dates are deterministic.</summary>
    public string Today { get => field ?? "2025-06-15"; init; }

    /// <summary>The DDL that creates the database (tables with keys and foreign keys).</summary>
    public required string Schema { get; init; }

    /// <summary>Rules that generate seed rows; used when <see cref="Data"/> is absent.</summary>
    public SeedSpec? Seed { get; init; }

    /// <summary>Concrete rows per table; when present they are loaded as they are and <see cref="Seed"/> is ignored.</summary>
    public IReadOnlyDictionary<string, TableData>? Data { get; init; }

    /// <summary>The domain tools offered to the agent.</summary>
    public required IReadOnlyList<ToolSpec> Tools { get; init; }

    /// <summary>Who the simulated user is: a query over the rows a user can be.</summary>
    public PrincipalSpec? Principal { get; init; }

    /// <summary>Task templates a rule-based planner grounds in rows.</summary>
    public IReadOnlyList<ScenarioSpec> Scenarios { get => field ?? []; init; }

    /// <summary>The MCP server the tools run on, for an environment made from one (<c>--from-mcp</c>); its tools then have no SQL.</summary>
    public McpServerSpec? Mcp { get; init; }
}
