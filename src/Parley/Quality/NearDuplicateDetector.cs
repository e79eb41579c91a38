using Parley.Dialogues;
using Parley.Runs;

namespace Parley.Quality;

/// <summary>
/// Finds near-duplicate dialogues: MinHash signatures of shingle sets, LSH banding for candidate pairs, an exact Jaccard
/// check of each candidate against the threshold, and clusters as the connected components of the accepted pairs.
/// </summary>
/// <remarks>
/// Dialogues are added one at a time and not kept: per dialogue only its id, opening, shingle sets and band keys stay
/// (measured: 1.6 KB for a 40-turn dialogue by user text, 0.5 KB by tools), so 100k dialogues fit in about 160 MB.
/// The result depends only on the options and the order dialogues were added (the representative of a cluster is its
/// first one), never on timing. Not thread-safe.
/// </remarks>
public sealed class NearDuplicateDetector
{
    private const int OpeningLength = 160;
    private const int BatchSize = 1024;
    private readonly DeduplicationOptions _options;
    private readonly MinHash _minHash;
    private readonly List<string> _ids = [];
    private readonly List<string> _openings = [];
    private readonly List<uint[]> _user = [];
    private readonly List<uint[]> _tools = [];
    private readonly List<ulong>[] _bands;
    private readonly List<int> _sameAs = [];
    private readonly Dictionary<ulong, int> _firstWithSet = [];

    /// <summary>Creates a detector; throws a <see cref="ParleyException"/> when the options are unusable.</summary>
    public NearDuplicateDetector(DeduplicationOptions options)
    {
        _options = options.Validated();
        _minHash = new MinHash(options.Seed, options.Hashes, options.Bands);
        _bands = [.. Enumerable.Range(0, options.Bands).Select(_ => new List<ulong>())];
    }

    /// <summary>Dialogues added so far.</summary>
    public int Count => _ids.Count;

    /// <summary>Finds the near-duplicate clusters of <paramref name="dialogues"/>, in their order.</summary>
    public static DuplicateReport Find(IEnumerable<Dialogue> dialogues, DeduplicationOptions options)
    {
        var detector = new NearDuplicateDetector(options);
        detector.AddAll(dialogues);
        return detector.Detect();
    }

    /// <summary>Finds the near-duplicate clusters of a run folder's kept dialogues, read through <see cref="RunReader"/> a batch at a time.</summary>
    public static DuplicateReport FindInRun(string runFolder, DeduplicationOptions options, CancellationToken cancellationToken = default)
    {
        var detector = new NearDuplicateDetector(options);
        detector.AddAll(RunReader.Dialogues(runFolder, DialogueSet.Kept, cancellationToken).Select(d => d.Dialogue), cancellationToken);
        return detector.Detect();
    }

    /// <summary>Adds a dialogue (only its fingerprint is kept).</summary>
    public void Add(Dialogue dialogue) => Add(FingerprintOf(dialogue));

    /// <summary>
    /// Adds <paramref name="dialogues"/> as they are enumerated: fingerprinted in parallel a batch at a time and added in
    /// their order, so the result is the same on any machine and only one batch of dialogues is held.
    /// </summary>
    public void AddAll(IEnumerable<Dialogue> dialogues, CancellationToken cancellationToken = default)
    {
        foreach (var batch in dialogues.Chunk(BatchSize))
        {
            var prints = new Fingerprint[batch.Length];
            Parallel.For(0, batch.Length, new ParallelOptions { CancellationToken = cancellationToken }, i => prints[i] = FingerprintOf(batch[i]));
            foreach (var print in prints) Add(print);
        }
    }

    /// <summary>Compares every candidate pair and returns the clusters of two or more dialogues.</summary>
    public DuplicateReport Detect()
    {
        var links = new UnionFind(Count);
        var weakest = new double[Count];
        Array.Fill(weakest, 1.0);
        for (var i = 0; i < Count; i++) links.Union(_sameAs[i], i);
        var refused = new HashSet<ulong>();
        foreach (var band in _bands)
        {
            // Each entry is (band key << 32 | index): sorting groups equal keys, in file order within a key.
            band.Sort();
            for (int start = 0, end; start < band.Count; start = end)
            {
                end = start + 1;
                while (end < band.Count && band[end] >> 32 == band[start] >> 32) end++;
                for (var a = start; a < end; a++)
                {
                    for (var b = a + 1; b < end; b++)
                    {
                        var (i, j) = ((int)(uint)band[a], (int)(uint)band[b]);
                        var (ri, rj) = (links.Find(i), links.Find(j));
                        var pair = (ulong)i << 32 | (uint)j;
                        if (ri == rj || refused.Contains(pair)) continue;
                        var similarity = Similarity(i, j);
                        if (similarity < _options.Threshold)
                        {
                            refused.Add(pair);
                            continue;
                        }
                        links.Union(i, j);
                        weakest[links.Find(i)] = Math.Min(similarity, Math.Min(weakest[ri], weakest[rj]));
                    }
                }
            }
        }
        var clusters = Enumerable.Range(0, Count).GroupBy(links.Find).Where(g => g.Count() > 1)
            .Select(g => g.Order().ToList())
            .OrderByDescending(m => m.Count).ThenBy(m => m[0])
            .Select(m => new DuplicateCluster(m.Count, _ids[m[0]], [.. m.Select(i => _ids[i])], Math.Round(weakest[links.Find(m[0])], 4), _openings[m[0]]))
            .ToList();
        return new DuplicateReport
        {
            Threshold = _options.Threshold,
            By = _options.By,
            Dialogues = Count,
            Duplicates = clusters.Sum(c => c.Size - 1),
            Clusters = clusters,
        };
    }

    private double Similarity(int i, int j) => _options.By switch
    {
        DuplicateSignal.User => Shingles.Jaccard(_user[i], _user[j]),
        DuplicateSignal.Tools => Shingles.Jaccard(_tools[i], _tools[j]),
        _ => Math.Min(Shingles.Jaccard(_user[i], _user[j]), Shingles.Jaccard(_tools[i], _tools[j])),
    };

    private Fingerprint FingerprintOf(Dialogue dialogue)
    {
        var user = _options.By == DuplicateSignal.Tools ? [] : Shingles.OfUser(dialogue, _options.ShingleWords);
        var tools = _options.By == DuplicateSignal.User ? [] : Shingles.OfTools(dialogue, _options.ShingleCalls);
        // With both signals a pair must pass both checks, so candidates from the user text alone miss nothing the checks would accept.
        var banded = _options.By == DuplicateSignal.Tools ? tools : user;
        // An empty set has similarity 0 to everything: such a dialogue is in no band, so it is never a duplicate.
        var comparable = _options.By switch
        {
            DuplicateSignal.User => user.Length > 0,
            DuplicateSignal.Tools => tools.Length > 0,
            _ => user.Length > 0 && tools.Length > 0,
        };
        var opening = dialogue.Messages.OfType<UserMessage>().FirstOrDefault()?.Content ?? "";
        return new Fingerprint(dialogue.Id, opening.Length > OpeningLength ? opening[..OpeningLength] : opening, user, tools,
            comparable ? _minHash.BandKeys(banded) : []);
    }

    private void Add(Fingerprint print)
    {
        var index = Count;
        _ids.Add(print.Id);
        _openings.Add(print.Opening);
        // A dialogue whose compared sets equal an earlier one's is linked to it outright (similarity 1) and left out of the
        // bands: any other dialogue is exactly as similar to both, so nothing is lost, and a run where thousands of
        // dialogues share one tool sequence does not make buckets of thousands to compare pair by pair.
        var key = SetKey(print);
        if (print.BandKeys.Length > 0 && _firstWithSet.TryGetValue(key, out var first) && _user[first].AsSpan().SequenceEqual(print.User) && _tools[first].AsSpan().SequenceEqual(print.Tools))
        {
            _sameAs.Add(first);
            _user.Add(_user[first]);
            _tools.Add(_tools[first]);
            return;
        }
        _firstWithSet.TryAdd(key, index);
        _sameAs.Add(index);
        _user.Add(print.User);
        _tools.Add(print.Tools);
        for (var band = 0; band < print.BandKeys.Length; band++) _bands[band].Add((ulong)print.BandKeys[band] << 32 | (uint)index);
    }

    private static ulong SetKey(Fingerprint print)
    {
        var h = 0x5E7UL;
        foreach (var x in print.User) h = Shingles.Mix(h ^ x);
        h = Shingles.Mix(h ^ 0xFFFF_FFFF_0000UL);
        foreach (var x in print.Tools) h = Shingles.Mix(h ^ x);
        return h;
    }

    private sealed record Fingerprint(string Id, string Opening, uint[] User, uint[] Tools, uint[] BandKeys);
}
