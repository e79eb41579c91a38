using Microsoft.Extensions.AI;
using Parley.Dialogues;

namespace Parley.Llm;

/// <summary>Converts the usage an endpoint reports into Parley's <see cref="TokenUsage"/>.</summary>
internal static class LlmUsage
{
    // Cost in billionths of a dollar: UsageDetails.AdditionalCounts holds whole numbers only.
    private const string CostKey = "parley_cost_nanodollars";

    // Set on a reply read back from Parley's response cache; never stored with the reply (the cache writes only misses).
    private const string FromCacheKey = "parley_from_cache";

    /// <summary>
    /// One request's usage (counts the endpoint did not report are zero), with the cost stamped by <see cref="StampCost"/>;
    /// a reply served from Parley's response cache carries the same usage again as its <see cref="TokenUsage.FromCache"/> share.
    /// </summary>
    public static TokenUsage Of(ChatResponse response)
    {
        var usage = Reported(response);
        return IsFromCache(response) ? usage with { FromCache = usage } : usage;
    }

    /// <summary>Marks <paramref name="response"/> as read back from Parley's response cache.</summary>
    public static void MarkFromCache(ChatResponse response) => (response.AdditionalProperties ??= [])[FromCacheKey] = true;

    /// <summary>Whether <paramref name="response"/> was read back from Parley's response cache.</summary>
    public static bool IsFromCache(ChatResponse response) => response.AdditionalProperties?.TryGetValue(FromCacheKey, out var hit) == true && hit is true;

    /// <summary>One streamed request's usage (the updates' usage summed), priced at <paramref name="prices"/>.</summary>
    public static TokenUsage Of(UsageDetails usage, ModelPrices prices) =>
        Counts(usage) with { Cost = prices.Cost(usage.InputTokenCount ?? 0, usage.CachedInputTokenCount ?? 0, usage.OutputTokenCount ?? 0) };

    private static TokenUsage Reported(ChatResponse response) => Counts(response.Usage) with
    {
        Cost = response.Usage?.AdditionalCounts?.GetValueOrDefault(CostKey) is { } nano and > 0 ? nano / 1_000_000_000m : 0,
    };

    private static TokenUsage Counts(UsageDetails? usage) => new()
    {
        Requests = 1,
        InputTokens = usage?.InputTokenCount ?? 0,
        CachedInputTokens = usage?.CachedInputTokenCount ?? 0,
        OutputTokens = usage?.OutputTokenCount ?? 0,
    };

    /// <summary>Stamps the cost of <paramref name="response"/>'s reported tokens at <paramref name="prices"/> on its usage (nothing when free).</summary>
    public static void StampCost(ChatResponse response, ModelPrices prices)
    {
        if (response.Usage is not { } usage) return;
        var cost = prices.Cost(usage.InputTokenCount ?? 0, usage.CachedInputTokenCount ?? 0, usage.OutputTokenCount ?? 0);
        if (cost <= 0) return;
        (usage.AdditionalCounts ??= [])[CostKey] = (long)Math.Round(cost * 1_000_000_000m);
    }
}
