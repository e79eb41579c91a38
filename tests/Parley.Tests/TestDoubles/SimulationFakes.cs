using Parley.Dialogues;
using Parley.Simulation;
using Parley.Verification;

namespace Parley.Tests.TestDoubles;

/// <summary>A user that greets and, when <paramref name="endAt"/> user turns are reached, says goodbye and ends.</summary>
public sealed class ScriptedUserSimulator(int endAt = 1) : IUserSimulator
{
    public List<UserView> Views { get; } = [];

    public ValueTask<UserTurn> NextTurnAsync(UserView view, CancellationToken cancellationToken = default)
    {
        Views.Add(view);
        var ending = Views.Count >= endAt;
        var state = view.State with { Request = 0, Ended = ending };
        return ValueTask.FromResult(new UserTurn(ending ? "Bye." : "Hello?", state)
        {
            Acts = [new DialogueAct(ending ? ActType.Bye : ActType.Thank)],
            EndConversation = ending,
        });
    }
}

/// <summary>An agent that always answers with the same text (or with nothing at all, when <paramref name="text"/> is null).</summary>
public sealed class FixedAgent(string? text) : IAgent
{
    public int Turns { get; private set; }

    public ValueTask<AgentTurn> NextTurnAsync(AgentView view, CancellationToken cancellationToken = default)
    {
        Turns++;
        return ValueTask.FromResult(new AgentTurn(view.State) { Text = text });
    }
}

/// <summary>A verifier that returns fixed checks.</summary>
public sealed class FixedVerifier(params CheckResult[] checks) : IVerifier
{
    public int Calls { get; private set; }

    public ValueTask<IReadOnlyList<CheckResult>> VerifyAsync(VerificationContext context, CancellationToken cancellationToken = default)
    {
        Calls++;
        return ValueTask.FromResult<IReadOnlyList<CheckResult>>(checks);
    }
}
