namespace Parley.Tests.TestDoubles;

/// <summary>
/// A clock on which every wait ends at once: each timer's due time is recorded in <see cref="Delays"/> and added to the
/// virtual time, so backoffs and rate limits can be asserted without sleeping.
/// </summary>
public sealed class ImmediateTimeProvider : TimeProvider
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly Lock _gate = new();
    private readonly List<TimeSpan> _delays = [];
    private long _ticks;

    /// <summary>Every wait asked for, in order.</summary>
    public IReadOnlyList<TimeSpan> Delays
    {
        get
        {
            lock (_gate) return [.. _delays];
        }
    }

    public override DateTimeOffset GetUtcNow() => Start + TimeSpan.FromTicks(Interlocked.Read(ref _ticks));

    public override long GetTimestamp() => Interlocked.Read(ref _ticks);

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <summary>Moves the virtual clock on.</summary>
    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime == Timeout.InfiniteTimeSpan) return System.CreateTimer(callback, state, dueTime, Timeout.InfiniteTimeSpan);
        lock (_gate) _delays.Add(dueTime);
        Advance(dueTime);
        return System.CreateTimer(callback, state, TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }
}
