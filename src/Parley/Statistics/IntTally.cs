namespace Parley.Statistics;

/// <summary>
/// How many times each value of a per-dialogue count occurred: all a <see cref="Summary"/> or a
/// <see cref="Histogram"/> needs, in memory that grows with the distinct values, not with the dialogues.
/// </summary>
internal sealed class IntTally
{
    private readonly SortedDictionary<int, int> _counts = [];

    /// <summary>Values added.</summary>
    public int Count { get; private set; }

    /// <summary>The sum of the values added.</summary>
    public long Sum { get; private set; }

    /// <summary>Each distinct value with how many times it was added, smallest first.</summary>
    public IEnumerable<KeyValuePair<int, int>> Counts => _counts;

    /// <summary>A tally of <paramref name="values"/>.</summary>
    public static IntTally Of(IEnumerable<int> values)
    {
        var tally = new IntTally();
        foreach (var value in values) tally.Add(value);
        return tally;
    }

    /// <summary>Adds one value.</summary>
    public void Add(int value)
    {
        _counts[value] = _counts.GetValueOrDefault(value) + 1;
        Count++;
        Sum += value;
    }

    /// <summary>The smallest value (0 when empty).</summary>
    public int Min => Count == 0 ? 0 : _counts.First().Key;

    /// <summary>The largest value (0 when empty).</summary>
    public int Max => Count == 0 ? 0 : _counts.Last().Key;

    /// <summary>The value at 0-based position <paramref name="index"/> of the values in order.</summary>
    public int At(int index)
    {
        foreach (var (value, count) in _counts)
        {
            if (index < count) return value;
            index -= count;
        }
        throw new ArgumentOutOfRangeException(nameof(index));
    }
}
