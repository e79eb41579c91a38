using Parley.Dialogues;
using Parley.Simulation;
using Parley.Tools;

namespace Parley.Generation;

/// <summary>
/// Rebuilds a saved dialogue's database by replaying its recorded write calls on a fresh copy, and checks each replayed
/// result against the recorded one, so a state file that does not match its environment is refused, not continued.
/// </summary>
internal static class StateReplay
{
    /// <summary>Replays <paramref name="state"/>'s writes into <paramref name="session"/>'s database.</summary>
    public static async ValueTask ReplayAsync(DialogueSession session, GenerationState state, CancellationToken cancellationToken)
    {
        var results = state.Messages.OfType<ToolMessage>().ToDictionary(m => m.ToolCallId, m => m.Content, StringComparer.Ordinal);
        foreach (var call in state.Messages.OfType<AssistantMessage>().SelectMany(m => m.ToolCalls ?? []))
        {
            if (!session.Environment.Tools.TryGet(call.Function.Name, out var tool) || tool.Access != ToolAccess.Write) continue;
            if (!results.TryGetValue(call.Id, out var recorded)) continue;
            var replayed = await session.Executor.ExecuteAsync(new ToolInvocation(call.Id, call.Function.Name, call.Function.Arguments), cancellationToken);
            if (replayed.Content != recorded)
            {
                throw ParleyException.InvalidFile(state.DialogueId,
                    $"replaying call {call.Id} ({call.Function.Name}) on environment '{state.EnvironmentId}' gave a different result than recorded; the state does not belong to this environment");
            }
        }
    }
}
