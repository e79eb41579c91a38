using System.Globalization;

namespace Parley.Runs;

/// <summary>
/// Shard <see cref="Index"/> of <see cref="Count"/> (zero-based): the items whose position p has p mod Count = Index.
/// Interleaving gives every shard the same mix of environments and a near-equal share; seeds never change, so N shards
/// merged equal one unsharded run.
/// </summary>
public sealed record ShardSpec(int Index, int Count)
{
    /// <summary>Whether item <paramref name="position"/> belongs to this shard.</summary>
    public bool Includes(long position) => position % Count == Index;

    /// <summary>How many of <paramref name="total"/> items belong to this shard.</summary>
    public long CountOf(long total) => total <= Index ? 0 : (total - 1 - Index) / Count + 1;

    /// <summary>Parses <c>i/N</c> (0 ≤ i &lt; N).</summary>
    public static ShardSpec Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            && count >= 1 && index < count)
        {
            return new ShardSpec(index, count);
        }
        throw ParleyException.InvalidOption("--shard", $"'{text}' is not i/N with 0 <= i < N (e.g. 0/3, 1/3, 2/3)");
    }

    /// <summary>
    /// The shard a cluster scheduler assigned, from environment variables: <c>PARLEY_SHARD</c> (<c>i/N</c>); or a
    /// Kubernetes Indexed Job's <c>JOB_COMPLETION_INDEX</c> with <c>PARLEY_SHARD_COUNT</c>; or a Slurm array's
    /// <c>SLURM_ARRAY_TASK_ID</c> (less <c>SLURM_ARRAY_TASK_MIN</c>) with <c>PARLEY_SHARD_COUNT</c> or
    /// <c>SLURM_ARRAY_TASK_COUNT</c>. Null when none is set.
    /// </summary>
    public static ShardSpec? FromEnvironment(Func<string, string?> variable)
    {
        if (variable("PARLEY_SHARD") is { Length: > 0 } explicitShard) return Parse(explicitShard);
        if (variable("JOB_COMPLETION_INDEX") is { Length: > 0 } job)
        {
            return Parse($"{job}/{variable("PARLEY_SHARD_COUNT") ?? throw Missing("JOB_COMPLETION_INDEX", "PARLEY_SHARD_COUNT")}");
        }
        if (variable("SLURM_ARRAY_TASK_ID") is { Length: > 0 } task)
        {
            var count = variable("PARLEY_SHARD_COUNT") ?? variable("SLURM_ARRAY_TASK_COUNT") ?? throw Missing("SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_COUNT or PARLEY_SHARD_COUNT");
            var min = long.TryParse(variable("SLURM_ARRAY_TASK_MIN"), CultureInfo.InvariantCulture, out var m) ? m : 0;
            return Parse(long.TryParse(task, CultureInfo.InvariantCulture, out var id) ? $"{id - min}/{count}" : $"{task}/{count}");
        }
        return null;
    }

    private static ParleyException Missing(string index, string count) =>
        ParleyException.InvalidOption("--shard", $"{index} is set but {count} is not; set it to the number of shards");

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");
}
