using System.Globalization;
using Parley.Dialogues;

namespace Parley.Runs;

/// <summary>
/// Per-role token usage as one line of ledger text, <c>role=requests/input/cached/output/cost;…</c>, so a resumed run
/// sums the usage of items written before it and its manifest equals an uninterrupted run's.
/// </summary>
internal static class RoleUsageText
{
    /// <summary>The text of <paramref name="usage"/> (roles in ordinal order), or "" for none.</summary>
    public static string Format(IReadOnlyDictionary<string, TokenUsage>? usage) => usage is null ? "" : string.Join(';',
        usage.OrderBy(u => u.Key, StringComparer.Ordinal).Select(u => string.Create(CultureInfo.InvariantCulture,
            $"{u.Key}={u.Value.Requests}/{u.Value.InputTokens}/{u.Value.CachedInputTokens}/{u.Value.OutputTokens}/{u.Value.Cost}")));

    /// <summary>Parses <see cref="Format"/>'s text; empty for "".</summary>
    public static IReadOnlyDictionary<string, TokenUsage> Parse(string text)
    {
        var usage = new SortedDictionary<string, TokenUsage>(StringComparer.Ordinal);
        foreach (var entry in text.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var (role, numbers) = (entry[..entry.IndexOf('=', StringComparison.Ordinal)], entry[(entry.IndexOf('=', StringComparison.Ordinal) + 1)..].Split('/'));
            usage[role] = new TokenUsage
            {
                Requests = long.Parse(numbers[0], CultureInfo.InvariantCulture),
                InputTokens = long.Parse(numbers[1], CultureInfo.InvariantCulture),
                CachedInputTokens = long.Parse(numbers[2], CultureInfo.InvariantCulture),
                OutputTokens = long.Parse(numbers[3], CultureInfo.InvariantCulture),
                Cost = decimal.Parse(numbers[4], NumberStyles.Float, CultureInfo.InvariantCulture),
            };
        }
        return usage;
    }

    /// <summary>Adds <paramref name="usage"/> into <paramref name="sum"/>, role by role.</summary>
    public static void AddTo(IDictionary<string, TokenUsage> sum, IReadOnlyDictionary<string, TokenUsage>? usage)
    {
        foreach (var (role, spent) in usage ?? new Dictionary<string, TokenUsage>()) sum[role] = sum.TryGetValue(role, out var had) ? had + spent : spent;
    }
}
