using System.Text.Json.Serialization;

namespace Parley.Dialogues;

/// <summary>Why a tool call failed. A failure is data the agent sees, never an exception.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ToolErrorKind>))]
public enum ToolErrorKind
{
    /// <summary>No tool of that name exists.</summary>
    [JsonStringEnumMemberName("unknown_tool")] UnknownTool,
    /// <summary>The arguments are not valid JSON or do not match the tool's schema.</summary>
    [JsonStringEnumMemberName("invalid_arguments")] InvalidArguments,
    /// <summary>A business rule of the domain does not allow the action.</summary>
    [JsonStringEnumMemberName("precondition_failed")] PreconditionFailed,
    /// <summary>The database refused the change (unique, foreign key, check or not-null constraint).</summary>
    [JsonStringEnumMemberName("constraint_violation")] ConstraintViolation,
    /// <summary>Nothing matched the request.</summary>
    [JsonStringEnumMemberName("no_rows")] NoRows,
    /// <summary>The statement ran past its time budget.</summary>
    [JsonStringEnumMemberName("timeout")] Timeout,
    /// <summary>The sandbox denied the statement (schema change, ATTACH, extension loading).</summary>
    [JsonStringEnumMemberName("forbidden")] Forbidden,
    /// <summary>The result (or a value, or the database) grew past the sandbox's limits; nothing was returned.</summary>
    [JsonStringEnumMemberName("result_too_large")] ResultTooLarge,
    /// <summary>Any other execution error: a database error, or an MCP server's own <c>isError</c> result.</summary>
    [JsonStringEnumMemberName("execution_error")] ExecutionError,
}
