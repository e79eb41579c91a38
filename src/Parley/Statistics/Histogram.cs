namespace Parley.Statistics;

/// <summary>A distribution of a per-dialogue count: equal-width buckets (empty ones included) and its summary.</summary>
/// <param name="Buckets">Contiguous buckets from the one holding the minimum to the one holding the maximum; empty when there are no values.</param>
/// <param name="Summary">Mean, median, minimum and maximum of the values.</param>
/// <param name="Count">How many values (dialogues) the histogram holds.</param>
public sealed record Histogram(IReadOnlyList<HistogramBucket> Buckets, Summary Summary, int Count)
{
    /// <summary>The default bucket limit, about as many bars as a terminal shows comfortably.</summary>
    public const int DefaultMaxBuckets = 20;

    /// <summary>
    /// Buckets <paramref name="values"/> with the smallest width of 1, 2 or 5 × 10ⁿ that needs at most
    /// <paramref name="maxBuckets"/> buckets; bucket boundaries are multiples of the width.
    /// </summary>
    public static Histogram Of(IEnumerable<int> values, int maxBuckets = DefaultMaxBuckets)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBuckets, 1);
        return Of(IntTally.Of(values), maxBuckets);
    }

    /// <summary>Buckets a tally of values as <see cref="Of(IEnumerable{int}, int)"/> does.</summary>
    internal static Histogram Of(IntTally values, int maxBuckets = DefaultMaxBuckets)
    {
        if (values.Count == 0) return new Histogram([], Summary.Of(values), 0);
        var (min, max) = (values.Min, values.Max);
        var width = Width(min, max, maxBuckets);
        var first = FloorTo(min, width);
        var counts = new int[(int)((FloorTo(max, width) - first) / width) + 1];
        foreach (var (value, count) in values.Counts) counts[(value - first) / width] += count;
        var buckets = counts.Select((count, i) => new HistogramBucket((int)(first + (long)i * width), (int)(first + (long)(i + 1) * width - 1), count)).ToList();
        return new Histogram(buckets, Summary.Of(values), values.Count);
    }

    private static int Width(int min, int max, int maxBuckets)
    {
        for (long scale = 1; ; scale *= 10)
        {
            foreach (var step in (ReadOnlySpan<long>)[1, 2, 5])
            {
                var width = step * scale;
                if ((FloorTo(max, width) - FloorTo(min, width)) / width + 1 <= maxBuckets) return (int)width;
            }
        }
    }

    private static long FloorTo(long value, long width) => (long)Math.Floor((double)value / width) * width;
}

/// <summary>One bucket of a <see cref="Histogram"/>: the values <see cref="Low"/>..<see cref="High"/> (both inclusive) and how many dialogues fell in it.</summary>
public sealed record HistogramBucket(int Low, int High, int Count);
