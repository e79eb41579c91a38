namespace Parley.Dialogues;

/// <summary>Tokens a role spent on model calls, as the endpoint reported them.</summary>
public sealed record TokenUsage
{
    /// <summary>Model calls made.</summary>
    public long Requests { get; init; }

    /// <summary>Prompt tokens sent.</summary>
    public long InputTokens { get; init; }

    /// <summary>Of the prompt tokens, those the endpoint served from its prefix cache.</summary>
    public long CachedInputTokens { get; init; }

    /// <summary>Completion tokens received (reasoning included).</summary>
    public long OutputTokens { get; init; }

    /// <summary>Estimated cost in US dollars, when the role's prices are configured.</summary>
    public decimal Cost { get; init; }

    /// <summary>
    /// Of this usage, the share served from Parley's own response cache (no request reached the endpoint), or null when
    /// none was. Tokens spent are the totals minus this share. Recorded for the run (manifest, ledger), never in a
    /// dialogue's metadata, so a cached re-run writes the same dialogues as the run that paid for them.
    /// </summary>
    public TokenUsage? FromCache { get; init; }

    /// <summary>Prompt plus completion tokens that reached the endpoint (the totals minus <see cref="FromCache"/>).</summary>
    public long SpentTokens() => InputTokens + OutputTokens - (FromCache is { } hit ? hit.InputTokens + hit.OutputTokens : 0);

    /// <summary>This usage without the <see cref="FromCache"/> split: the usage the work represents, however it was served.</summary>
    public TokenUsage WithoutCacheSplit() => FromCache is null ? this : this with { FromCache = null };

    // Sorted like the roles' usage everywhere else, so what is written does not depend on the split.
    internal static IReadOnlyDictionary<string, TokenUsage>? WithoutCacheSplit(IReadOnlyDictionary<string, TokenUsage>? usage) =>
        usage is null || usage.Values.All(u => u.FromCache is null) ? usage
            : new SortedDictionary<string, TokenUsage>(usage.ToDictionary(u => u.Key, u => u.Value.WithoutCacheSplit(), StringComparer.Ordinal), StringComparer.Ordinal);

    /// <summary>No usage.</summary>
    public static TokenUsage None { get; } = new();

    /// <summary>The sum of two usages.</summary>
    public static TokenUsage operator +(TokenUsage a, TokenUsage b) => new()
    {
        Requests = a.Requests + b.Requests,
        InputTokens = a.InputTokens + b.InputTokens,
        CachedInputTokens = a.CachedInputTokens + b.CachedInputTokens,
        OutputTokens = a.OutputTokens + b.OutputTokens,
        Cost = a.Cost + b.Cost,
        FromCache = a.FromCache is null ? b.FromCache : b.FromCache is null ? a.FromCache : a.FromCache + b.FromCache,
    };

    /// <summary>What <paramref name="a"/> adds to <paramref name="b"/>: field by field, <see cref="FromCache"/> included (null when it adds none).</summary>
    public static TokenUsage operator -(TokenUsage a, TokenUsage b)
    {
        var hit = a.FromCache is null && b.FromCache is null ? None : (a.FromCache ?? None) - (b.FromCache ?? None);
        return new()
        {
            Requests = a.Requests - b.Requests,
            InputTokens = a.InputTokens - b.InputTokens,
            CachedInputTokens = a.CachedInputTokens - b.CachedInputTokens,
            OutputTokens = a.OutputTokens - b.OutputTokens,
            Cost = a.Cost - b.Cost,
            FromCache = hit.Requests > 0 ? hit : null,
        };
    }
}
