using System.Text.Json.Serialization;

namespace Parley.Simulation;

/// <summary>
/// The simulated back-end's reply, as asked for in <c>tool-simulator.md</c>: the tool's result written as JSON text, or
/// an error. The result is text because strict schemas allow no free-form value; exactly one of the two is set.
/// </summary>
internal sealed record ToolSimulatorReply(
    [property: JsonPropertyName("result")] string? Result,
    [property: JsonPropertyName("error")] ToolSimulatorError? Error)
{
    /// <summary>The error kinds a simulated call may end with (<see cref="Dialogues.ToolErrorKind"/>'s names), in the schema and the prompt.</summary>
    public static IReadOnlyList<string> ErrorKinds { get; } = ["no_rows", "precondition_failed", "constraint_violation", "invalid_arguments"];

    /// <summary>The reply's one definition: sent (strict) and validated against.</summary>
    public static Llm.ReplySchema Schema { get; } = new("tool_result", """
        {
          "type": "object", "additionalProperties": false,
          "required": ["result", "error"],
          "properties": {
            "result": {"type": ["string", "null"], "description": "The tool's JSON result as JSON text; null when the call fails."},
            "error": {"anyOf": [
              {"type": "object", "additionalProperties": false, "required": ["kind", "message"],
               "properties": {"kind": {"type": "string", "enum": KINDS}, "message": {"type": "string", "pattern": "\\S"}}},
              {"type": "null"}]}
          }
        }
        """.Replace("KINDS", "[" + string.Join(", ", ErrorKinds.Select(k => $"\"{k}\"")) + "]", StringComparison.Ordinal));
}

/// <summary>Why a simulated call failed.</summary>
internal sealed record ToolSimulatorError(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("message")] string Message);
