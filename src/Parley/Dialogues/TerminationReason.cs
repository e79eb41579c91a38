using System.Text.Json.Serialization;

namespace Parley.Dialogues;

/// <summary>Why a dialogue stopped.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TerminationReason>))]
public enum TerminationReason
{
    /// <summary>Not finished yet (a paused, partial dialogue).</summary>
    [JsonStringEnumMemberName("in_progress")] InProgress,
    /// <summary>The user ended the conversation after every task was done.</summary>
    [JsonStringEnumMemberName("user_ended")] UserEnded,
    /// <summary>The user ended while the agent still waited for an answer or an action was unfinished.</summary>
    [JsonStringEnumMemberName("premature_end")] PrematureEnd,
    /// <summary>The turn limit was reached.</summary>
    [JsonStringEnumMemberName("max_turns")] MaxTurns,
    /// <summary>The agent stopped making progress (no message it could send).</summary>
    [JsonStringEnumMemberName("agent_stuck")] AgentStuck,
    /// <summary>A model call of an LLM role failed after its retries and repairs; the dialogue is kept as rejected.</summary>
    [JsonStringEnumMemberName("llm_error")] LlmError,
    /// <summary>The server the tools run on (an MCP server) stopped answering; the dialogue is kept as rejected.</summary>
    [JsonStringEnumMemberName("tool_server_lost")] ToolServerLost,
}
