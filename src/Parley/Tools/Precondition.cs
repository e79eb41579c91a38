using Parley.Dialogues;

namespace Parley.Tools;

/// <summary>
/// A business rule checked before a tool's statements run: <see cref="Sql"/> returns one value, and a
/// NULL, zero, empty or missing value fails the check with <see cref="Message"/> (<c>{param}</c> placeholders
/// are filled from the arguments).
/// </summary>
public sealed record Precondition
{
    /// <summary>A query returning one scalar; truthy means the rule holds.</summary>
    public required string Sql { get; init; }

    /// <summary>The error the agent sees when the rule fails.</summary>
    public required string Message { get; init; }

    /// <summary>The error kind reported; <see cref="ToolErrorKind.PreconditionFailed"/> when not given (or <see cref="ToolErrorKind.NoRows"/> for existence checks).</summary>
    public ToolErrorKind? Error { get; init; }
}
