using Microsoft.Extensions.AI;
using Parley.Llm;
using Parley.Tasks;

namespace Parley.Tests.TestDoubles;

/// <summary>
/// A stand-in for a model playing the agent: after each user message it makes, as parallel native calls, the planned
/// calls of the next sub-request in order, then sums up in text; when nothing is left it says goodbye.
/// </summary>
public static class ScriptedAgentModel
{
    /// <summary>A client that serves <paramref name="tasks"/> one sub-request per user message.</summary>
    public static ScriptedChatClient For(IReadOnlyList<TaskSpec> tasks)
    {
        var steps = tasks.SelectMany(t => t.SubRequests.Select((_, r) => t.ExpectedActions.Where(a => a.SubRequest == r).ToList())).ToList();
        var next = 0;
        return new ScriptedChatClient
        {
            Respond = (messages, _) =>
            {
                if (messages[^1].Role == ChatRole.Tool) return Text("That's done; here is what the system returned.");
                if (next >= steps.Count) return Text("You're welcome. Goodbye!");
                var step = next++;
                var calls = steps[step].Select((a, i) => (AIContent)new FunctionCallContent($"call_s{step}_{i}", a.Tool, ChatMessageMapper.ToDictionary(a.Arguments.GetRawText())));
                return new ChatResponse(new ChatMessage(ChatRole.Assistant, [.. calls])) { FinishReason = ChatFinishReason.ToolCalls };
            },
        };
    }

    private static ChatResponse Text(string text) => new(new ChatMessage(ChatRole.Assistant, text)) { FinishReason = ChatFinishReason.Stop };
}
