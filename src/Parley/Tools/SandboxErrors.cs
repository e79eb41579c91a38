using Microsoft.Data.Sqlite;
using Parley.Dialogues;

namespace Parley.Tools;

/// <summary>What a <see cref="SqliteSandbox"/>'s refusals mean: a tool error kind for the agent, a sentence for a person.</summary>
internal static class SandboxErrors
{
    private const int Error = 1, NoMemory = 7, Interrupt = 9, Full = 13, TooBig = 18, Constraint = 19, Auth = 23;

    /// <summary>The tool error kind of a failed statement.</summary>
    public static ToolErrorKind Kind(SqliteException e) => e.SqliteErrorCode switch
    {
        Error when IsDenied(e) => ToolErrorKind.Forbidden, // a denied function
        Constraint => ToolErrorKind.ConstraintViolation,
        Interrupt => ToolErrorKind.Timeout, // raised by the sandbox's progress handler
        Auth => ToolErrorKind.Forbidden, // raised by the sandbox's authorizer
        TooBig or Full or NoMemory => ToolErrorKind.ResultTooLarge,
        _ => ToolErrorKind.ExecutionError,
    };

    /// <summary>A one-line explanation of a failed statement, without SQLite's "SQLite Error N" prefix.</summary>
    public static string Describe(SqliteException e) => e.SqliteErrorCode switch
    {
        Interrupt => $"The operation took too long and was stopped (budget {SandboxLimits.StatementBudget.TotalSeconds:0.#} s per statement).",
        Auth => "The operation is not allowed in this environment.",
        Error when IsDenied(e) => "The operation is not allowed in this environment.",
        TooBig => $"A value is larger than the sandbox allows ({SandboxLimits.MaxValueBytes} bytes).",
        Full => "The database reached the size the sandbox allows.",
        NoMemory => "The operation needs more memory than the sandbox allows.",
        _ => e.Message.Replace("SQLite Error ", "", StringComparison.Ordinal),
    };

    private static bool IsDenied(SqliteException e) => e.Message.Contains("not authorized", StringComparison.Ordinal);
}
