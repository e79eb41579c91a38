using System.Text.Json.Serialization;

namespace Parley.Simulation;

/// <summary>The structured reply asked of an LLM user simulator (the shape both prompts show, <see cref="Schema"/>).</summary>
/// <param name="Message">What the user says next.</param>
/// <param name="RequestDone">The assistant finished the sub-request the user was on, and this message moves on.</param>
/// <param name="CurrentTaskDone">The assistant finished every sub-request of the current task.</param>
/// <param name="EndConversation">The user ends the conversation (only once every task is done).</param>
/// <param name="Thought">The model's private note, dropped.</param>
internal sealed record UserReply(
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("request_done")] bool RequestDone = false,
    [property: JsonPropertyName("current_task_done")] bool CurrentTaskDone = false,
    [property: JsonPropertyName("end_conversation")] bool EndConversation = false,
    [property: JsonPropertyName("thought")] string? Thought = null)
{
    /// <summary>The reply's one definition: sent (strict) and validated against. The thought may be null; the message must say something.</summary>
    public static Llm.ReplySchema Schema { get; } = new("user_reply", """
        {
          "type": "object", "additionalProperties": false,
          "required": ["thought", "message", "request_done", "current_task_done", "end_conversation"],
          "properties": {
            "thought": {"type": ["string", "null"]},
            "message": {"type": "string", "pattern": "\\S"},
            "request_done": {"type": "boolean"},
            "current_task_done": {"type": "boolean"},
            "end_conversation": {"type": "boolean"}
          }
        }
        """);
}
