using Parley.Dialogues;

namespace Parley.Export;

/// <summary>
/// Rewrites every assistant message that makes several tool calls at once into one call per message, each followed by
/// its result: (assistant: calls 1…N, results 1…N) becomes (assistant: call 1, result 1, assistant: call 2, result 2, …).
/// For chat templates that take one call per assistant message, such as Llama 3.1's ("This model only supports single
/// tool-calls at once!").
/// </summary>
/// <remarks>
/// Nothing is lost or reordered: call ids, arguments and results are kept, the calls keep their order, the message's
/// text and reasoning go with its first call, and a result that answers none of the calls stays after the last one.
/// The dialogue's counts and the number of original messages of an augmented dialogue (which exports mask) are
/// recounted, so per-turn samples and weights still mark the same messages.
/// </remarks>
internal static class ParallelCallSplitter
{
    /// <summary><paramref name="dialogue"/> with one tool call per assistant message; the same instance when it has no parallel calls.</summary>
    public static Dialogue Split(Dialogue dialogue)
    {
        var messages = dialogue.Messages;
        if (!messages.Any(m => m is AssistantMessage { ToolCalls.Count: > 1 })) return dialogue;
        var split = new List<Message>(messages.Count + 8);
        var original = dialogue.Metadata?.Augmentation?.OriginalMessages ?? 0; // metadata may be absent on a hand-built dialogue
        var originalAfter = original;
        for (var i = 0; i < messages.Count; i++)
        {
            if (messages[i] is not AssistantMessage { ToolCalls: { Count: > 1 } calls } assistant)
            {
                split.Add(messages[i]);
                continue;
            }
            var end = i + 1;
            while (end < messages.Count && messages[end] is ToolMessage) end++;
            var results = messages.Skip(i + 1).Take(end - i - 1).Cast<ToolMessage>().ToList();
            var before = split.Count;
            for (var k = 0; k < calls.Count; k++)
            {
                split.Add(assistant with
                {
                    ToolCalls = [calls[k]],
                    Content = k == 0 ? assistant.Content : "",
                    ReasoningContent = k == 0 ? assistant.ReasoningContent : null,
                });
                var answer = results.FindIndex(r => r.ToolCallId == calls[k].Id);
                if (answer < 0) continue;
                split.Add(results[answer]);
                results.RemoveAt(answer);
            }
            split.AddRange(results);
            // Messages 1..original are an augmented dialogue's verbatim opening: a block split inside it grows it.
            if (end - 1 <= original) originalAfter += split.Count - before - (end - i);
            i = end - 1;
        }
        if (dialogue.Metadata is not { } metadata) return dialogue with { Messages = split };
        var counts = DialogueCounts.Of(split, metadata.Counts.Tasks, metadata.Counts.TasksCompleted);
        return dialogue with
        {
            Messages = split,
            Metadata = metadata with
            {
                Counts = counts,
                Augmentation = metadata.Augmentation is { } a ? a with { OriginalMessages = originalAfter } : null,
            },
        };
    }
}
