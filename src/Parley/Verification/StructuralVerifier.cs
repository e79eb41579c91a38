using Parley.Dialogues;
using Parley.Tools;

namespace Parley.Verification;

/// <summary>
/// Checks the dialogue's shape: system prompt first, every tool call names a real tool with schema-valid arguments,
/// every <c>tool_call_id</c> is answered exactly once right after its call, no empty messages, the assistant speaks
/// last, and the user ended the conversation properly.
/// </summary>
internal sealed class StructuralVerifier : IVerifier
{
    /// <inheritdoc />
    public ValueTask<IReadOnlyList<CheckResult>> VerifyAsync(VerificationContext context, CancellationToken cancellationToken = default)
    {
        var d = context.Dialogue;
        return ValueTask.FromResult<IReadOnlyList<CheckResult>>(
        [
            Check(CheckKind.Messages, Shape(d.Messages)),
            Check(CheckKind.ToolCalls, Calls(d.Messages, context.Tools)),
            Check(CheckKind.ToolCallIds, Ids(d.Messages)),
            Check(CheckKind.Termination, d.Metadata.Termination == TerminationReason.UserEnded ? null : $"ended with {d.Metadata.Termination}"),
        ]);
    }

    private static CheckResult Check(CheckKind kind, string? problem) => new(new CheckName(kind), problem is null, problem);

    private static string? Shape(IReadOnlyList<Message> messages)
    {
        if (messages.Count < 3 || messages[0] is not SystemMessage) return "must start with a system prompt and have a conversation";
        if (messages.Skip(1).OfType<SystemMessage>().Any()) return "more than one system message";
        if (messages[1] is not UserMessage) return "the user must speak first";
        if (messages[^1] is not AssistantMessage { Content.Length: > 0 }) return "the assistant must speak last, in text";
        var empty = messages.Select((m, i) => (m, i)).FirstOrDefault(x => x.m is UserMessage or SystemMessage && string.IsNullOrWhiteSpace(x.m.Content)
            || x.m is AssistantMessage a && string.IsNullOrWhiteSpace(a.Content) && a.ToolCalls is not { Count: > 0 });
        return empty.m is null ? null : $"message {empty.i} is empty";
    }

    private static string? Calls(IReadOnlyList<Message> messages, ToolCatalog tools)
    {
        foreach (var call in messages.OfType<AssistantMessage>().SelectMany(m => m.ToolCalls ?? []))
        {
            var problem = ArgumentValidatingToolExecutor.Check(tools, new ToolInvocation(call.Id, call.Function.Name, call.Function.Arguments));
            if (problem is not null) return $"call {call.Id} to '{call.Function.Name}': {problem.Content}";
        }
        return null;
    }

    private static string? Ids(IReadOnlyList<Message> messages)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < messages.Count; i++)
        {
            if (messages[i] is not AssistantMessage { ToolCalls: { Count: > 0 } calls }) continue;
            var expected = calls.Select(c => c.Id).ToList();
            if (expected.Any(id => !seen.Add(id))) return $"message {i} reuses a tool_call_id";
            var answers = messages.Skip(i + 1).TakeWhile(m => m is ToolMessage).Cast<ToolMessage>().Select(t => t.ToolCallId).ToList();
            if (answers.Count != expected.Count || !answers.Order(StringComparer.Ordinal).SequenceEqual(expected.Order(StringComparer.Ordinal)))
            {
                return $"the calls of message {i} are not each answered exactly once by the tool messages after it";
            }
        }
        var orphan = messages.OfType<ToolMessage>().FirstOrDefault(t => !seen.Contains(t.ToolCallId));
        return orphan is null ? null : $"tool message answers unknown call {orphan.ToolCallId}";
    }
}
