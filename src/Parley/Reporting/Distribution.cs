using System.Globalization;
using Parley.Statistics;

namespace Parley.Reporting;

/// <summary>A bar chart's data: bucket labels and, per series (a mode), how many dialogues fall in each bucket.</summary>
/// <param name="Name">A stable key, e.g. <c>turns</c>.</param>
/// <param name="Label">The chart title.</param>
/// <param name="Buckets">Bucket labels, in order (<c>12</c>, or <c>10–14</c> when values are grouped).</param>
/// <param name="Series">One series per mode, each with a count per bucket.</param>
internal sealed record Distribution(string Name, string Label, IReadOnlyList<string> Buckets, IReadOnlyList<DistributionSeries> Series)
{
    // More distinct values than this are grouped into ranges of equal width, so a chart stays readable.
    private const int MaxBuckets = 24;

    /// <summary>A histogram of integer values; every series shares the same buckets.</summary>
    public static Distribution Histogram(string name, string label, IReadOnlyList<(string Series, IReadOnlyList<int> Values)> series) =>
        Histogram(name, label, [.. series.Select(s => (s.Series, IntTally.Of(s.Values)))]);

    /// <summary>A histogram of tallied integer values; every series shares the same buckets.</summary>
    internal static Distribution Histogram(string name, string label, IReadOnlyList<(string Series, IntTally Values)> series)
    {
        var present = series.Where(s => s.Values.Count > 0).ToList();
        if (present.Count == 0) return new Distribution(name, label, [], [.. series.Select(s => new DistributionSeries(s.Series, []))]);
        var (min, max) = (present.Min(s => s.Values.Min), present.Max(s => s.Values.Max));
        var width = (int)Math.Ceiling((max - min + 1) / (double)MaxBuckets);
        var buckets = (max - min) / width + 1;
        var labels = Enumerable.Range(0, buckets).Select(b =>
        {
            var lo = min + b * width;
            return width == 1 ? lo.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{lo}–{lo + width - 1}");
        }).ToList();
        return new Distribution(name, label, labels, [.. series.Select(s =>
        {
            var counts = new int[buckets];
            foreach (var (v, count) in s.Values.Counts) counts[(v - min) / width] += count;
            return new DistributionSeries(s.Series, counts);
        })]);
    }

    /// <summary>Counts of categorical values (e.g. domains), buckets sorted by name; every series shares the same buckets.</summary>
    public static Distribution Categories(string name, string label, IReadOnlyList<(string Series, IReadOnlyList<string> Values)> series) =>
        Categories(name, label, [.. series.Select(s => (s.Series, (IReadOnlyDictionary<string, int>)s.Values.CountBy(v => v).ToDictionary(StringComparer.Ordinal)))]);

    /// <summary>Categories counted per series (e.g. dialogues per domain), buckets sorted by name; every series shares the same buckets.</summary>
    internal static Distribution Categories(string name, string label, IReadOnlyList<(string Series, IReadOnlyDictionary<string, int> Counts)> series)
    {
        var labels = series.SelectMany(s => s.Counts.Where(c => c.Value > 0).Select(c => c.Key)).Distinct().Order(StringComparer.Ordinal).ToList();
        return new Distribution(name, label, labels, [.. series.Select(s => new DistributionSeries(s.Series, [.. labels.Select(l => s.Counts.GetValueOrDefault(l))]))]);
    }
}

/// <summary>One series of a <see cref="Distribution"/>: its name and a count per bucket.</summary>
internal sealed record DistributionSeries(string Name, IReadOnlyList<int> Counts);
