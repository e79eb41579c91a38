using Microsoft.Extensions.AI;
using Parley.Dialogues;

namespace Parley.Llm;

/// <summary>Converts the usage an endpoint reports into Parley's <see cref="TokenUsage"/>.</summary>
internal static class LlmUsage
{
    // Cost in billionths of a dollar: UsageDetails.AdditionalCounts holds whole numbers only.
    private const string CostKey = "parley_cost_nanodollars";

    /// <summary>One request's usage (counts the endpoint did not report are zero), with the cost stamped by <see cref="StampCost"/>.</summary>
    public static TokenUsage Of(ChatResponse response) => new()
    {
        Requests = 1,
        InputTokens = response.Usage?.InputTokenCount ?? 0,
        CachedInputTokens = response.Usage?.CachedInputTokenCount ?? 0,
        OutputTokens = response.Usage?.OutputTokenCount ?? 0,
        Cost = response.Usage?.AdditionalCounts?.GetValueOrDefault(CostKey) is { } nano and > 0 ? nano / 1_000_000_000m : 0,
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
