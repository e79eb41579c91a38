namespace Parley.Llm;

/// <summary>How transient model-call failures are retried.</summary>
internal sealed record RetryOptions
{
    /// <summary>Retries after the first attempt; 0 turns retrying off.</summary>
    public int MaxRetries { get; init; } = 6;

    /// <summary>The first backoff; later ones double, with jitter.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Spread the waits randomly (so many clients that failed together do not retry together).</summary>
    public bool UseJitter { get; init; } = true;

    /// <summary>The longest wait between attempts, also the cap on a server's <c>Retry-After</c>.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The longest a call may take, every attempt and wait included; past it the call fails as a timeout.</summary>
    public TimeSpan TotalTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The clock the waits run on (tests pass a fake so they never sleep).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
