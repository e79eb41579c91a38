namespace Parley.Llm;

/// <summary>
/// A tokens-per-minute budget for one endpoint: a bucket that refills continuously and may go into debt when a reply
/// used more than was estimated, so the next requests wait the difference off.
/// </summary>
/// <remarks>Thread-safe; waiters are served in order. Written here rather than with
/// System.Threading.RateLimiting's token bucket because that one cannot take a correction after the fact (debt) and
/// runs on its own timer instead of a <see cref="TimeProvider"/>.</remarks>
internal sealed class TokenBudget
{
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _queue = new(1, 1);
    private readonly TimeProvider _time;
    private readonly double _perSecond;
    private double _available;
    private long _stamp;

    /// <summary>A budget of <paramref name="tokensPerMinute"/>, full at the start.</summary>
    public TokenBudget(long tokensPerMinute, TimeProvider? timeProvider = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tokensPerMinute, 1);
        TokensPerMinute = tokensPerMinute;
        _time = timeProvider ?? TimeProvider.System;
        _perSecond = tokensPerMinute / 60.0;
        _available = tokensPerMinute;
        _stamp = _time.GetTimestamp();
    }

    /// <summary>The configured rate.</summary>
    public long TokensPerMinute { get; }

    /// <summary>Tokens that could be spent now without waiting (negative while in debt).</summary>
    public double Available
    {
        get
        {
            lock (_gate) return Refill();
        }
    }

    /// <summary>Waits until <paramref name="tokens"/> (capped at one minute's worth) are available, then spends them.</summary>
    public async ValueTask AcquireAsync(long tokens, CancellationToken cancellationToken = default)
    {
        var want = Math.Clamp(tokens, 0, TokensPerMinute);
        await _queue.WaitAsync(cancellationToken);
        try
        {
            while (true)
            {
                TimeSpan wait;
                lock (_gate)
                {
                    var available = Refill();
                    if (available >= want)
                    {
                        _available -= want;
                        return;
                    }
                    wait = TimeSpan.FromSeconds(Math.Max((want - available) / _perSecond, 0.001));
                }
                await Task.Delay(wait, _time, cancellationToken);
            }
        }
        finally
        {
            _queue.Release();
        }
    }

    /// <summary>Adjusts for a call that used <paramref name="delta"/> more tokens than were acquired for it (negative gives some back).</summary>
    public void Correct(long delta)
    {
        lock (_gate)
        {
            Refill();
            _available = Math.Min(TokensPerMinute, _available - delta);
        }
    }

    private double Refill()
    {
        var now = _time.GetTimestamp();
        _available = Math.Min(TokensPerMinute, _available + _time.GetElapsedTime(_stamp, now).TotalSeconds * _perSecond);
        _stamp = now;
        return _available;
    }
}
