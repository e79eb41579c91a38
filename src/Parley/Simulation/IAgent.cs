namespace Parley.Simulation;

/// <summary>Plays the assistant: sees the system prompt, the tools and the whole conversation including tool results.</summary>
public interface IAgent
{
    /// <summary>The agent's next message: text, tool calls, or both.</summary>
    ValueTask<AgentTurn> NextTurnAsync(AgentView view, CancellationToken cancellationToken = default);
}
