namespace Parley.Tools;

/// <summary>What untrusted SQL may do in a <see cref="SqliteSandbox"/>; a sandbox only ever moves forward through these.</summary>
public enum SandboxPhase
{
    /// <summary>Building the schema: tables, indexes, views and triggers may be created, rows written.</summary>
    Schema,
    /// <summary>Seeding: rows may be written (<c>seed.finally</c>), the schema no longer changes.</summary>
    Data,
    /// <summary>Serving tools and queries: rows may be written by write tools only, the schema never changes.</summary>
    Tools,
}
