using Parley.Dialogues;
using Parley.Verification;

namespace Parley.Tests.TestDoubles;

/// <summary>A real, passing dialogue of a shared run, with its tasks and tools, to tamper with.</summary>
public static class VerificationSamples
{
    public static async Task<VerificationContext> PassingAsync(GeneratedRuns runs, BuiltEnvironments environments)
    {
        var run = await runs.RetailAsync();
        var dialogue = run.Dialogues.First(d => d.Messages.OfType<AssistantMessage>().Count(m => m.ToolCalls is { Count: > 0 }) >= 3);
        return new VerificationContext(dialogue, run.TasksOf(dialogue.Id), environments.Retail.Tools);
    }

    /// <summary>The context with the dialogue's messages replaced.</summary>
    public static VerificationContext WithMessages(this VerificationContext context, IEnumerable<Message> messages) =>
        context with { Dialogue = context.Dialogue with { Messages = [.. messages] } };

    /// <summary>Index of the n-th assistant message that calls tools.</summary>
    public static int CallAt(this VerificationContext context, int n) =>
        context.Dialogue.Messages.Select((m, i) => (m, i)).Where(x => x.m is AssistantMessage { ToolCalls.Count: > 0 }).ElementAt(n).i;

    public static ToolCall FirstCall(this Message message) => ((AssistantMessage)message).ToolCalls![0];
}
