using Parley.Dialogues;

namespace Parley.Llm;

/// <summary>Run-wide token usage, cost and failures per role, for the progress display and the manifest.</summary>
/// <remarks>
/// Thread-safe; one meter is shared by every role of a run. Replies served from Parley's response cache are counted
/// too, as each role's <see cref="TokenUsage.FromCache"/> share, so a cached re-run still says what its artifacts cost.
/// </remarks>
public sealed class UsageMeter
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, TokenUsage> _byRole = new(StringComparer.Ordinal);
    private readonly Dictionary<LlmFailureKind, long> _failures = [];

    /// <summary>Adds one call's usage (its from-cache share included) to <paramref name="role"/>.</summary>
    public void Record(string role, TokenUsage call)
    {
        lock (_gate) _byRole[role] = _byRole.GetValueOrDefault(role, TokenUsage.None) + call;
    }

    /// <summary>Counts a call that failed after its retries.</summary>
    public void RecordFailure(LlmFailureKind kind)
    {
        lock (_gate) _failures[kind] = _failures.GetValueOrDefault(kind) + 1;
    }

    /// <summary>The usage of one role so far.</summary>
    public TokenUsage ForRole(string role)
    {
        lock (_gate) return _byRole.GetValueOrDefault(role, TokenUsage.None);
    }

    /// <summary>A snapshot of every role's usage.</summary>
    public IReadOnlyDictionary<string, TokenUsage> ByRole
    {
        get
        {
            lock (_gate) return new Dictionary<string, TokenUsage>(_byRole, StringComparer.Ordinal);
        }
    }

    /// <summary>The run's total so far.</summary>
    public TokenUsage Total
    {
        get
        {
            lock (_gate) return _byRole.Values.Aggregate(TokenUsage.None, (a, b) => a + b);
        }
    }

    /// <summary>Calls that failed for good, by kind label (e.g. <c>rate_limited</c>).</summary>
    public IReadOnlyDictionary<string, long> Failures
    {
        get
        {
            lock (_gate) return _failures.ToDictionary(p => p.Key.Label(), p => p.Value, StringComparer.Ordinal);
        }
    }
}
