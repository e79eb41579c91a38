namespace Parley.Llm;

/// <summary>
/// An AIMD concurrency limit for one endpoint, shared by every role that calls it: each success adds 1/limit (about one
/// slot per round of requests), each overload (429, timeout) halves the limit, never below 1 nor above the endpoint's
/// maximum. Requests over the limit wait in order.
/// </summary>
/// <remarks>Thread-safe. A burst of 429s from requests that were already in flight when the limit was cut counts as one
/// overload: a lease only cuts the limit if no cut happened since it was taken.</remarks>
public sealed class AdaptiveConcurrencyLimiter
{
    private readonly Lock _gate = new();
    private readonly Queue<TaskCompletionSource<Lease>> _waiting = new();
    private readonly double _decrease;
    private double _limit;
    private int _inFlight;
    private long _generation;

    /// <summary>A limiter allowing at most <paramref name="maxConcurrency"/> calls, starting at <paramref name="initialLimit"/> (default: the maximum).</summary>
    public AdaptiveConcurrencyLimiter(int maxConcurrency, int? initialLimit = null, double decreaseFactor = 0.5)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrency, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(decreaseFactor, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(decreaseFactor, 1);
        MaxConcurrency = maxConcurrency;
        _limit = Math.Clamp(initialLimit ?? maxConcurrency, 1, maxConcurrency);
        _decrease = decreaseFactor;
    }

    /// <summary>The configured ceiling.</summary>
    public int MaxConcurrency { get; }

    /// <summary>Calls allowed at once right now (for the progress display).</summary>
    public int CurrentLimit
    {
        get
        {
            lock (_gate) return (int)_limit;
        }
    }

    /// <summary>Calls in flight right now.</summary>
    public int InFlight
    {
        get
        {
            lock (_gate) return _inFlight;
        }
    }

    /// <summary>Waits for a slot; release the lease with the call's outcome.</summary>
    public ValueTask<Lease> AcquireAsync(CancellationToken cancellationToken = default)
    {
        TaskCompletionSource<Lease> waiter;
        lock (_gate)
        {
            if (_waiting.Count == 0 && _inFlight < (int)_limit)
            {
                _inFlight++;
                return ValueTask.FromResult(new Lease(this, _generation));
            }
            waiter = new TaskCompletionSource<Lease>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Enqueue(waiter);
        }
        return new ValueTask<Lease>(WaitAsync(waiter, cancellationToken));
    }

    private static async Task<Lease> WaitAsync(TaskCompletionSource<Lease> waiter, CancellationToken cancellationToken)
    {
        await using (cancellationToken.Register(() => waiter.TrySetCanceled(cancellationToken)))
        {
            return await waiter.Task;
        }
    }

    private void Release(long generation, CallOutcome outcome)
    {
        lock (_gate)
        {
            _inFlight--;
            if (outcome == CallOutcome.Success) _limit = Math.Min(MaxConcurrency, _limit + 1 / _limit);
            else if (outcome == CallOutcome.Overloaded && generation == _generation)
            {
                _limit = Math.Max(1, Math.Floor(_limit * _decrease));
                _generation++;
            }
            while (_inFlight < (int)_limit && _waiting.TryDequeue(out var next))
            {
                if (next.TrySetResult(new Lease(this, _generation))) _inFlight++;
            }
        }
    }

    /// <summary>How a call that held a slot ended.</summary>
    public enum CallOutcome
    {
        /// <summary>A reply arrived: grow the limit.</summary>
        Success,

        /// <summary>The endpoint was overloaded (429, timeout): cut the limit.</summary>
        Overloaded,

        /// <summary>Any other failure: leave the limit alone.</summary>
        Neutral,
    }

    /// <summary>One held slot; release it exactly once.</summary>
    public sealed class Lease
    {
        private readonly AdaptiveConcurrencyLimiter _owner;
        private readonly long _generation;
        private int _released;

        internal Lease(AdaptiveConcurrencyLimiter owner, long generation) => (_owner, _generation) = (owner, generation);

        /// <summary>Gives the slot back and adapts the limit to <paramref name="outcome"/>.</summary>
        public void Release(CallOutcome outcome)
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) _owner.Release(_generation, outcome);
        }
    }
}
