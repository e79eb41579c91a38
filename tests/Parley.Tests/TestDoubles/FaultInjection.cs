using Parley.Determinism;

namespace Parley.Tests.TestDoubles;

/// <summary>
/// Wraps a server script so a share of requests get a random fault. Each fault is drawn from the seed, the request's body
/// and how many times that same body was sent before, never from the order requests arrive in: the same seed gives the
/// same faults to the same requests however the dialogues in flight interleave.
/// </summary>
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
        var sent = new Dictionary<string, int>(StringComparer.Ordinal);
        var gate = new Lock();
        var pool = faults ?? Faults;
        return request =>
        {
            var body = request.Json;
            int attempt;
            lock (gate) attempt = sent[body] = sent.GetValueOrDefault(body) + 1;
            var random = new SeededRandom(StableSeed.Derive(seed, body, attempt));
            return random.Chance(rate) ? random.Pick(pool) : script(request);
        };
    }
}
