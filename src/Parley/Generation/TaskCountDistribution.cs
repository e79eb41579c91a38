using System.Globalization;
using Parley.Determinism;

namespace Parley.Generation;

/// <summary>
/// How many tasks a dialogue gets: <c>3</c> (always three), <c>1-4</c> (uniform), or <c>2:0.3,3:0.4,4:0.3</c> (weighted).
/// </summary>
public sealed record TaskCountDistribution(IReadOnlyList<int> Counts, IReadOnlyList<double> Weights)
{
    /// <summary>2 to 4 tasks, uniformly (3 on average).</summary>
    public static TaskCountDistribution Default { get; } = Parse("2-4");

    /// <summary>The mean task count.</summary>
    public double Mean => Counts.Zip(Weights).Sum(x => x.First * x.Second) / Weights.Sum();

    /// <summary>Draws a count.</summary>
    public int Sample(SeededRandom rng) => Counts[rng.PickWeighted(Weights)];

    /// <summary>Parses the textual form; throws <see cref="ParleyException"/> with the accepted forms on error.</summary>
    public static TaskCountDistribution Parse(string text)
    {
        try
        {
            text = text.Trim();
            if (text.Contains(':'))
            {
                var pairs = text.Split(',').Select(p => p.Split(':')).ToList();
                if (pairs.Any(p => p.Length != 2)) throw new FormatException("malformed pair");
                return Checked(new([.. pairs.Select(p => int.Parse(p[0], CultureInfo.InvariantCulture))], [.. pairs.Select(p => double.Parse(p[1], CultureInfo.InvariantCulture))]));
            }
            if (text.Contains('-'))
            {
                var bounds = text.Split('-');
                if (bounds.Length != 2) throw new FormatException("malformed range");
                var (lo, hi) = (int.Parse(bounds[0], CultureInfo.InvariantCulture), int.Parse(bounds[1], CultureInfo.InvariantCulture));
                return Checked(new([.. Enumerable.Range(lo, hi - lo + 1)], [.. Enumerable.Repeat(1.0, hi - lo + 1)]));
            }
            return Checked(new([int.Parse(text, CultureInfo.InvariantCulture)], [1.0]));
        }
        catch (Exception e) when (e is FormatException or OverflowException or IndexOutOfRangeException or ArgumentException)
        {
            throw ParleyException.InvalidOption("--tasks-per-dialogue", $"'{text}' is not N, MIN-MAX or N:WEIGHT,N:WEIGHT");
        }
    }

    private static TaskCountDistribution Checked(TaskCountDistribution d)
    {
        if (d.Counts.Count == 0 || d.Counts.Any(c => c is < 1 or > 20) || d.Weights.Any(w => w < 0) || d.Weights.Sum() <= 0)
        {
            throw new ArgumentException("out of range");
        }
        return d;
    }

    /// <inheritdoc />
    public override string ToString() => string.Join(",", Counts.Zip(Weights).Select(x => $"{x.First}:{x.Second.ToString(CultureInfo.InvariantCulture)}"));
}
