namespace Parley.Quality;

/// <summary>How near-duplicates are found: the similarity threshold, the signal compared, and the MinHash/LSH shape.</summary>
/// <remarks>
/// The candidate search (hash functions, bands) does not depend on <see cref="Threshold"/>, so raising the threshold only
/// ever splits clusters, never merges them. 128 hashes in 32 bands of 4 find a pair of Jaccard similarity 0.7 with
/// probability above 0.999 and one of 0.5 with probability 0.87; set thresholds below 0.5 only with more bands.
/// </remarks>
public sealed record DeduplicationOptions
{
    /// <summary>Minimum Jaccard similarity of two dialogues' shingle sets for them to be near-duplicates (0 &lt; t ≤ 1).</summary>
    public double Threshold { get; init; } = 0.8;

    /// <summary>The signal compared.</summary>
    public DuplicateSignal By { get; init; } = DuplicateSignal.User;

    /// <summary>Seed of the MinHash functions; the same seed gives the same clusters.</summary>
    public ulong Seed { get; init; } = 0x5EED_D0D0UL;

    /// <summary>Number of MinHash functions per signature (a multiple of <see cref="Bands"/>).</summary>
    public int Hashes { get; init; } = 128;

    /// <summary>Number of LSH bands; a pair is a candidate when all rows of at least one band agree.</summary>
    public int Bands { get; init; } = 32;

    /// <summary>Words per user-text shingle.</summary>
    public int ShingleWords { get; init; } = 3;

    /// <summary>Consecutive tool calls per tool-sequence shingle.</summary>
    public int ShingleCalls { get; init; } = 2;

    /// <summary>Throws a <see cref="ParleyException"/> (invalid option) naming the first unusable setting.</summary>
    public DeduplicationOptions Validated()
    {
        if (double.IsNaN(Threshold) || Threshold is <= 0 or > 1) throw ParleyException.InvalidOption("threshold", $"{Threshold} is not in (0, 1]");
        if (Bands < 1 || Hashes < Bands || Hashes % Bands != 0) throw ParleyException.InvalidOption("hashes", $"{Hashes} hashes cannot be split into {Bands} equal bands");
        if (ShingleWords < 1 || ShingleCalls < 1) throw ParleyException.InvalidOption("shingles", "shingle sizes must be at least 1");
        return this;
    }
}
