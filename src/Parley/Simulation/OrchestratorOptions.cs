namespace Parley.Simulation;

/// <summary>Limits of the dialogue loop.</summary>
public sealed record OrchestratorOptions
{
    /// <summary>The most turns (messages after the system prompt) a dialogue may have before it is stopped.</summary>
    public int MaxTurns { get; init; } = 200;
}
