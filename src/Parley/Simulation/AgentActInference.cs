using System.Text.Json;
using Parley.Dialogues;
using Parley.Tasks;

namespace Parley.Simulation;

/// <summary>
/// Reads the acts an agent that emits none (an LLM) performed, from its calls and text, so rule-based users and the
/// orchestrator's bookkeeping work with it: the counterpart of the planned calls a rule-based user's request carries.
/// </summary>
internal static class AgentActInference
{
    /// <summary>
    /// Sub-requests not yet completed whose expected calls all appear among the dialogue's successful calls (same tool;
    /// every expected argument present with an equal value). Asked for or not: the state is hashed when the work is done.
    /// </summary>
    public static IEnumerable<RequestKey> NewlyCompleted(GenerationState state)
    {
        var calls = SuccessfulCalls(state.Messages);
        for (var t = 0; t < state.Tasks.Count; t++)
        {
            var task = state.Tasks[t];
            for (var r = 0; r < task.SubRequests.Count; r++)
            {
                if (state.Completed.Contains(new RequestKey(t, r))) continue;
                var expected = task.ExpectedActions.Where(a => a.SubRequest == r).ToList();
                if (expected.Count > 0 && expected.All(a => calls.Any(c => c.Name == a.Tool && Covers(c.Arguments, a.Arguments)))) yield return new RequestKey(t, r);
            }
        }
    }

    /// <summary>The acts of the agent's text message: reports of what was asked for, completed and not yet reported, and asks for facts.</summary>
    public static IReadOnlyList<DialogueAct> OfText(GenerationState state, string text)
    {
        var acts = new List<DialogueAct>();
        var reported = state.UserState.Done.Concat(state.AgentActs.Where(a => a.Type == ActType.Report).Select(a => a.Key)).ToHashSet();
        var user = state.UserState;
        for (var t = 0; t <= Math.Min(user.Task, state.Tasks.Count - 1); t++)
        {
            // Only what the user has asked for is reported; work done ahead is reported once asked.
            var asked = t < user.Task ? state.Tasks[t].SubRequests.Count : user.Request + 1;
            for (var r = 0; r < Math.Min(asked, state.Tasks[t].SubRequests.Count); r++)
            {
                var key = new RequestKey(t, r);
                if (state.Completed.Contains(key) && !reported.Contains(key)) acts.Add(new DialogueAct(ActType.Report) { Task = t, Request = r });
            }
        }
        if (!text.Contains('?', StringComparison.Ordinal) || state.UserState.Task >= state.Tasks.Count) return acts;
        var current = state.Tasks[state.UserState.Task];
        foreach (var fact in current.UserFacts.Keys.Where(f => !state.UserState.Stated.ContainsKey(f)))
        {
            if (text.Contains(FactLabel.Of(fact), StringComparison.OrdinalIgnoreCase) || text.Contains(fact, StringComparison.OrdinalIgnoreCase))
            {
                acts.Add(new DialogueAct(ActType.AskInfo) { Fact = fact, Task = state.UserState.Task });
            }
        }
        return acts;
    }

    private static List<(string Name, JsonElement Arguments)> SuccessfulCalls(IReadOnlyList<Message> messages)
    {
        var failed = messages.OfType<ToolMessage>().Where(m => m.IsError).Select(m => m.ToolCallId).ToHashSet(StringComparer.Ordinal);
        var answered = messages.OfType<ToolMessage>().Select(m => m.ToolCallId).ToHashSet(StringComparer.Ordinal);
        var calls = new List<(string, JsonElement)>();
        foreach (var call in messages.OfType<AssistantMessage>().SelectMany(m => m.ToolCalls ?? []))
        {
            if (!answered.Contains(call.Id) || failed.Contains(call.Id)) continue;
            try
            {
                calls.Add((call.Function.Name, JsonElement.Parse(string.IsNullOrWhiteSpace(call.Function.Arguments) ? "{}" : call.Function.Arguments)));
            }
            catch (JsonException)
            {
                // Unparseable arguments cannot have served a request.
            }
        }
        return calls;
    }

    private static bool Covers(JsonElement actual, JsonElement expected) =>
        actual.ValueKind == JsonValueKind.Object && expected.ValueKind == JsonValueKind.Object
        && expected.EnumerateObject().All(p => actual.TryGetProperty(p.Name, out var v) && JsonElement.DeepEquals(v, p.Value));
}
