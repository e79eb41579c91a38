using System.Globalization;
using Parley.Dialogues;

namespace Parley.Runs;

/// <summary>
/// Per-role token usage as one line of ledger text, <c>role=requests/input/cached/output/cost;…</c>, with the share
/// served from Parley's response cache, when there is one, as five more numbers in the same order
/// (<c>…/cost/requests/input/cached/output/cost</c>), so a resumed run sums the usage of items written before it and its
/// manifest equals an uninterrupted run's. Ledgers written before the split existed (five numbers) still parse.
/// </summary>
internal static class RoleUsageText
{
    /// <summary>The text of <paramref name="usage"/> (roles in ordinal order), or "" for none.</summary>
    public static string Format(IReadOnlyDictionary<string, TokenUsage>? usage) => usage is null ? "" : string.Join(';',
        usage.OrderBy(u => u.Key, StringComparer.Ordinal).Select(u => string.Create(CultureInfo.InvariantCulture,
            $"{u.Key}={Numbers(u.Value)}{(u.Value.FromCache is { } hit ? "/" + Numbers(hit) : "")}")));

    private static string Numbers(TokenUsage u) =>
        string.Create(CultureInfo.InvariantCulture, $"{u.Requests}/{u.InputTokens}/{u.CachedInputTokens}/{u.OutputTokens}/{u.Cost}");

    /// <summary>Parses <see cref="Format"/>'s text; empty for "".</summary>
    public static IReadOnlyDictionary<string, TokenUsage> Parse(string text)
    {
        var usage = new SortedDictionary<string, TokenUsage>(StringComparer.Ordinal);
        foreach (var entry in text.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var (role, numbers) = (entry[..entry.IndexOf('=', StringComparison.Ordinal)], entry[(entry.IndexOf('=', StringComparison.Ordinal) + 1)..].Split('/'));
            usage[role] = Usage(numbers, 0) with { FromCache = numbers.Length >= 10 ? Usage(numbers, 5) : null };
        }
        return usage;
    }

    private static TokenUsage Usage(string[] numbers, int at) => new()
    {
        Requests = long.Parse(numbers[at], CultureInfo.InvariantCulture),
        InputTokens = long.Parse(numbers[at + 1], CultureInfo.InvariantCulture),
        CachedInputTokens = long.Parse(numbers[at + 2], CultureInfo.InvariantCulture),
        OutputTokens = long.Parse(numbers[at + 3], CultureInfo.InvariantCulture),
        Cost = decimal.Parse(numbers[at + 4], NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    /// <summary>Adds <paramref name="usage"/> into <paramref name="sum"/>, role by role.</summary>
    public static void AddTo(IDictionary<string, TokenUsage> sum, IReadOnlyDictionary<string, TokenUsage>? usage)
    {
        foreach (var (role, spent) in usage ?? new Dictionary<string, TokenUsage>()) sum[role] = sum.TryGetValue(role, out var had) ? had + spent : spent;
    }
}
