namespace Parley.Simulation;

/// <summary>Plays the user: sees its own latent goals and the visible conversation, never the agent's tools or results.</summary>
public interface IUserSimulator
{
    /// <summary>The user's next message.</summary>
    ValueTask<UserTurn> NextTurnAsync(UserView view, CancellationToken cancellationToken = default);
}
