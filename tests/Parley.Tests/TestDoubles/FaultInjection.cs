using Parley.Determinism;

namespace Parley.Tests.TestDoubles;

/// <summary>Wraps a server script so a share of requests get a random fault, drawn from a seeded generator (same seed, same faults).</summary>
public static class FaultInjection
{
    /// <summary>The faults drawn from: 429, 500, 503, a malformed body, a dropped connection, a truncated and an empty reply.</summary>
    public static IReadOnlyList<ServerReply> Faults { get; } =
    [
        ServerReply.RateLimited("0"), ServerReply.ServerError(), ServerReply.ServerError(503), ServerReply.MalformedBody(),
        ServerReply.Drop(), ServerReply.Truncated(), ServerReply.Empty(),
    ];

    /// <summary><paramref name="script"/>, except that each request gets a fault with probability <paramref name="rate"/> (0..1).</summary>
    public static Func<ChatCompletionRequest, ServerReply> Wrap(Func<ChatCompletionRequest, ServerReply> script, double rate, ulong seed, IReadOnlyList<ServerReply>? faults = null)
    {
        var random = new SeededRandom(seed);
        var gate = new Lock();
        var pool = faults ?? Faults;
        return request =>
        {
            ServerReply? fault;
            lock (gate) fault = random.Chance(rate) ? random.Pick(pool) : null;
            return fault ?? script(request);
        };
    }
}
