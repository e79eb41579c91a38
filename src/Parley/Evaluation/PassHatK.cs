namespace Parley.Evaluation;

/// <summary>
/// τ²-bench's pass^k: the chance that all k trials of a task succeed, estimated without bias from n trials with c
/// successes as C(c, k) / C(n, k), averaged over tasks.
/// </summary>
internal static class PassHatK
{
    /// <summary>C(<paramref name="successes"/>, k) / C(<paramref name="trials"/>, k) for one task; 0 when fewer than k succeeded.</summary>
    /// <exception cref="ArgumentOutOfRangeException">k is not in [1, trials], or successes is not in [0, trials].</exception>
    public static double OfTask(int successes, int trials, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, trials);
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, trials);
        if (successes < k) return 0;
        // The ratio of binomials as a product of ratios, so large n never overflows.
        var value = 1.0;
        for (var i = 0; i < k; i++) value *= (double)(successes - i) / (trials - i);
        return value;
    }

    /// <summary>The mean of <see cref="OfTask"/> over <paramref name="tasks"/> (successes, trials); 0 for no task.</summary>
    public static double Of(IReadOnlyList<TaskTally> tasks, int k) =>
        tasks.Count == 0 ? 0 : tasks.Average(t => OfTask(t.Successes, t.Trials, k));
}
