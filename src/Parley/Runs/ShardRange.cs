using System.Globalization;

namespace Parley.Runs;

/// <summary>
/// The shards <see cref="First"/> to <see cref="Last"/> of <see cref="Count"/> that a run folder holds: one shard for a
/// folder written by <c>parley generate --shard i/N</c>, consecutive shards for one joined by <c>parley merge --partial</c>,
/// and every shard for a whole run. Stored in the ledger's <c>shard</c> option as <c>i/N</c>, <c>a-b/N</c>, or empty for
/// a whole run, so a merged folder says exactly which items it holds and can be merged again.
/// </summary>
internal sealed record ShardRange(int First, int Last, int Count)
{
    /// <summary>A whole run: its one shard of one.</summary>
    public static ShardRange Whole { get; } = new(0, 0, 1);

    /// <summary>Whether the range covers every shard, so the folder equals an unsharded run.</summary>
    public bool IsWhole => First == 0 && Last == Count - 1;

    /// <summary>The ledger's form: empty for a whole run, as an unsharded run stores it.</summary>
    public string Stored => IsWhole ? "" : ToString();

    /// <summary>Whether shard <paramref name="index"/> is in the range.</summary>
    public bool Contains(int index) => index >= First && index <= Last;

    /// <summary>How many of <paramref name="total"/> items belong to the range.</summary>
    public long CountOf(long total) => Enumerable.Range(First, Last - First + 1).Sum(i => new ShardSpec(i, Count).CountOf(total));

    /// <summary>Parses a ledger's <c>shard</c> option of the run in <paramref name="folder"/>.</summary>
    public static ShardRange Parse(string stored, string folder)
    {
        if (stored.Length == 0) return Whole;
        var parts = stored.Split('/');
        var bounds = parts[0].Split('-');
        if (parts.Length == 2 && bounds.Length <= 2
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            && int.TryParse(bounds[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first)
            && int.TryParse(bounds[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var last)
            && first <= last && last < count)
        {
            return new ShardRange(first, last, count);
        }
        throw ParleyException.InvalidFile(RunLedger.PathOf(folder), $"shard '{stored}' is neither i/N nor a-b/N");
    }

    /// <summary>Groups <paramref name="indices"/> (ascending) into ranges of consecutive shards.</summary>
    public static IEnumerable<ShardRange> Runs(IEnumerable<int> indices, int count)
    {
        ShardRange? run = null;
        foreach (var index in indices)
        {
            if (run is not null && index == run.Last + 1)
            {
                run = run with { Last = index };
                continue;
            }
            if (run is not null) yield return run;
            run = new ShardRange(index, index, count);
        }
        if (run is not null) yield return run;
    }

    /// <summary>
    /// The shard to resume the run in <paramref name="folder"/> as. A range is refused: only <c>parley merge</c> writes
    /// one, after every item of it was written, so there is nothing to generate; the rest of the run is in other folders.
    /// </summary>
    public ShardSpec ToResumable(string folder)
    {
        if (First == Last) return new ShardSpec(First, Count);
        var rest = string.Join(", ", Runs(Enumerable.Range(0, Count).Where(i => !Contains(i)), Count));
        throw ParleyException.InvalidOption("--resume", $"{folder} holds shards {this}, joined by 'parley merge --partial': every item of them is written, " +
            $"so there is nothing to resume; merge it with shard(s) {rest} to complete the run");
    }

    /// <inheritdoc />
    public override string ToString() =>
        First == Last ? string.Create(CultureInfo.InvariantCulture, $"{First}/{Count}") : string.Create(CultureInfo.InvariantCulture, $"{First}-{Last}/{Count}");
}
