using System.Text.Json.Serialization;

namespace Parley.Dialogues;

/// <summary>Message counts of a dialogue. A turn is every message but the system prompt, as the published method counts.</summary>
public sealed record DialogueCounts(
    [property: JsonPropertyName("turns")] int Turns,
    [property: JsonPropertyName("user_messages")] int UserMessages,
    [property: JsonPropertyName("assistant_messages")] int AssistantMessages,
    [property: JsonPropertyName("tool_calls")] int ToolCalls,
    [property: JsonPropertyName("tool_errors")] int ToolErrors,
    [property: JsonPropertyName("tasks")] int Tasks,
    [property: JsonPropertyName("tasks_completed")] int TasksCompleted)
{
    /// <summary>Counts the messages of a dialogue.</summary>
    public static DialogueCounts Of(IReadOnlyList<Message> messages, int tasks, int tasksCompleted)
    {
        int user = 0, assistant = 0, calls = 0, errors = 0, turns = 0;
        foreach (var m in messages)
        {
            switch (m)
            {
                case SystemMessage: continue;
                case UserMessage: user++; break;
                case AssistantMessage a: assistant++; calls += a.ToolCalls?.Count ?? 0; break;
                case ToolMessage { IsError: true }: errors++; break;
            }
            turns++;
        }
        return new DialogueCounts(turns, user, assistant, calls, errors, tasks, tasksCompleted);
    }
}
