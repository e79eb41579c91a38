using Parley.Determinism;

namespace Parley.Evaluation;

/// <summary>
/// Percentile bootstrap confidence intervals over tasks: the tasks are resampled with replacement, the statistic is
/// recomputed on each resample, and the interval is read from the sorted values.
/// </summary>
/// <remarks>Deterministic: every resample comes from a <see cref="SeededRandom"/> seeded by the caller.</remarks>
internal static class Bootstrap
{
    /// <summary>Resamples used by default.</summary>
    public const int DefaultResamples = 1000;

    /// <summary>
    /// The central <paramref name="level"/> interval of <paramref name="statistic"/> over <paramref name="items"/>; the
    /// point when there is at most one item (nothing to resample).
    /// </summary>
    public static (double Low, double High) Interval<T>(IReadOnlyList<T> items, Func<IReadOnlyList<T>, double> statistic, ulong seed,
        int resamples = DefaultResamples, double level = 0.95)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 1);
        if (level is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(level), "must be in (0, 1)");
        if (items.Count <= 1)
        {
            var point = statistic(items);
            return (point, point);
        }
        var rng = new SeededRandom(seed);
        var values = new double[resamples];
        var sample = new T[items.Count];
        for (var r = 0; r < resamples; r++)
        {
            for (var i = 0; i < sample.Length; i++) sample[i] = items[rng.Next(items.Count)];
            values[r] = statistic(sample);
        }
        Array.Sort(values);
        var tail = (1 - level) / 2;
        return (Percentile(values, tail), Percentile(values, 1 - tail));
    }

    // Linear interpolation between the closest ranks, as numpy's default percentile does.
    private static double Percentile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
    }
}
