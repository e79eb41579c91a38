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
    };
}
