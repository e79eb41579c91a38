using Parley.Dialogues;

namespace Parley.Generation;

/// <summary>
/// A snapshot of a run's progress, reported after every dialogue written. Renderers (the CLI's live display or its log
/// lines) keep the latest one and draw it at their own pace.
/// </summary>
public sealed record GenerationProgress
{
    /// <summary>Items in this run (this shard's share, when sharded).</summary>
    public required long Total { get; init; }

    /// <summary>Items written: kept + rejected + paused, including those a resumed run found already done.</summary>
    public required long Done { get; init; }

    /// <summary>Of <see cref="Done"/>, the items finished before this process started (a resumed run).</summary>
    public long Resumed { get; init; }

    /// <summary>Dialogues that passed verification.</summary>
    public long Kept { get; init; }

    /// <summary>Dialogues that failed verification or could not be generated (in <c>rejected.jsonl</c>).</summary>
    public long Rejected { get; init; }

    /// <summary>Dialogues paused by <see cref="GenerationOptions.PauseAfter"/>.</summary>
    public long Paused { get; init; }

    /// <summary>Dialogues being worked on (at most the run's concurrency).</summary>
    public long InFlight { get; init; }

    /// <summary>Dialogues finished and waiting to be written until an earlier, slower one is (output stays in index order).</summary>
    public long Waiting { get; init; }

    /// <summary>Time since this process started the run.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>Rejections by kind: the failed check (<c>end_state</c>, <c>termination</c>, <c>planning</c>, <c>llm</c>...).</summary>
    public IReadOnlyDictionary<string, int> Errors { get; init; } = new Dictionary<string, int>();

    /// <summary>Tokens and cost so far: from the generator's <see cref="IUsageSource"/>, else summed from written dialogues; null when no model was used.</summary>
    public TokenUsage? Usage { get; init; }

    /// <summary>The index of the item just written, if this snapshot follows one.</summary>
    public long? LatestIndex { get; init; }

    /// <summary>Items written per minute by this process.</summary>
    public double PerMinute => Elapsed.TotalMinutes > 0 ? (Done - Resumed) / Elapsed.TotalMinutes : 0;

    /// <summary>The estimated time to finish at the current rate; null until the rate is known.</summary>
    public TimeSpan? Eta => PerMinute > 0 ? TimeSpan.FromMinutes((Total - Done) / PerMinute) : null;
}
