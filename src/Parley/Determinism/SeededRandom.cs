namespace Parley.Determinism;

/// <summary>
/// A small, fast, seedable generator (SplitMix64) whose whole state is one <see cref="ulong"/>, so a role can
/// store it in its state record and resume exactly where it stopped.
/// </summary>
/// <remarks>Not thread-safe; create one per dialogue or per role turn.</remarks>
public sealed class SeededRandom(ulong state)
{
    /// <summary>The current state; a new generator built from it continues the same sequence.</summary>
    public ulong State { get; private set; } = state;

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        var z = State += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>An integer in [0, <paramref name="maxExclusive"/>).</summary>
    public int Next(int maxExclusive) => maxExclusive <= 1 ? 0 : (int)(NextUInt64() % (ulong)maxExclusive);

    /// <summary>An integer in [<paramref name="min"/>, <paramref name="maxInclusive"/>].</summary>
    public long NextInRange(long min, long maxInclusive) =>
        maxInclusive <= min ? min : min + (long)(NextUInt64() % (ulong)(maxInclusive - min + 1));

    /// <summary>A double in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public bool Chance(double p) => p > 0 && NextDouble() < p;

    /// <summary>One item of a non-empty list.</summary>
    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary>An index drawn with the given relative weights.</summary>
    public int PickWeighted(IReadOnlyList<double> weights)
    {
        var total = weights.Sum();
        var x = NextDouble() * total;
        for (var i = 0; i < weights.Count; i++)
        {
            x -= weights[i];
            if (x < 0) return i;
        }
        return weights.Count - 1;
    }

    /// <summary>A 31-bit seed for APIs that take an <see cref="int"/> (Bogus).</summary>
    public int NextSeed() => (int)(NextUInt64() & int.MaxValue);
}
