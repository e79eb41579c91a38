using System.Text.Json.Serialization;

namespace Parley.Simulation;

/// <summary>The structured reply asked of an LLM user simulator.</summary>
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
    [property: JsonPropertyName("thought")] string? Thought = null);
