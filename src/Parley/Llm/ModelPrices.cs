namespace Parley.Llm;

/// <summary>What an endpoint charges, in US dollars per million tokens.</summary>
public sealed record ModelPrices(decimal InputPerMillion = 0, decimal OutputPerMillion = 0, decimal? CachedInputPerMillion = null)
{
    /// <summary>Free (local models).</summary>
    public static ModelPrices Free { get; } = new();

    /// <summary>The cost of one call's tokens; cached input is billed at <see cref="CachedInputPerMillion"/> when set.</summary>
    public decimal Cost(long input, long cachedInput, long output) =>
        ((input - cachedInput) * InputPerMillion + cachedInput * (CachedInputPerMillion ?? InputPerMillion) + output * OutputPerMillion) / 1_000_000m;
}
