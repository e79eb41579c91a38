using System.Collections.Concurrent;
using System.Threading.Channels;
using Parley.Llm;
using Parley.Runs;

namespace Parley.Generation;

/// <summary>
/// Runs a run's items through bounded channels: tasks (plan or load the opening state) → dialogue (simulate) →
/// verification (and serialisation) → write. At most <see cref="GenerationOptions.Concurrency"/> items are being worked
/// on. The single writer puts items in position order, appends them, and commits them to the ledger; items that finish
/// ahead of a slow one wait in a <see cref="ReorderBuffer"/> (memory up to a budget, then a spill file), so a slow
/// dialogue delays writing but never starves the stages. Memory follows the concurrency, not the run size.
/// </summary>
internal sealed class GenerationPipeline(DialogueGenerator dialogues, GenerationOptions options, OutputDirectory output, RunLedger ledger,
    TimeProvider time, IUsageSource? usage, IProgress<GenerationProgress>? progress)
{
    // How long finished lines may wait before they are fsynced and committed; a crash loses at most this much work.
    private static readonly TimeSpan CommitInterval = TimeSpan.FromMilliseconds(100);
    // How long in-flight items may take to finish after cancellation before they are abandoned (to be redone on resume).
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);
    // Finished items held in memory while waiting for an earlier one; past this their lines are spilled to disk.
    private const long ReorderMemory = 64L << 20;

    private long _dispatched, _finished;
    // The first error that stopped the run: later ones in other stages are often its echo (a cancelled SQLite statement).
    private Exception? _rootFault;

    /// <summary>Runs <paramref name="jobs"/> (in position order, each next position <paramref name="step"/> after the last).</summary>
    public async Task RunAsync(IEnumerable<PipelineJob> jobs, long firstPosition, long step, long total, RunTally tally, CancellationToken cancellationToken)
    {
        var concurrency = options.Concurrency;
        var working = new SemaphoreSlim(concurrency);
        var started = new ConcurrentQueue<long>();
        using var hard = new CancellationTokenSource();
        using var onCancel = cancellationToken.Register(() => hard.CancelAfter(Grace));
        var token = hard.Token;

        var queued = Bounded<PipelineWork>(concurrency);
        var planned = Bounded<PipelineWork>(concurrency);
        var simulated = Bounded<PipelineWork>(concurrency);
        var finished = Bounded<FinishedItem>(concurrency);

        using var stopDispatch = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, token);
        var dispatch = DispatchAsync(jobs, queued.Writer, working, started, stopDispatch.Token, token);
        var stages = new[]
        {
            Stage(queued.Reader, planned.Writer, concurrency, PlanAsync, hard),
            Stage(planned.Reader, simulated.Writer, concurrency, SimulateAsync, hard),
            Stage(simulated.Reader, finished.Writer, concurrency, async (work, ct) =>
            {
                var done = await VerifyAsync(work, ct);
                Interlocked.Increment(ref _finished);
                working.Release();
                return done;
            }, hard),
        };
        try
        {
            await WriteAsync(finished.Reader, firstPosition, step, total, tally, started, hard);
        }
        catch (Exception) when (Volatile.Read(ref _rootFault) is not null)
        {
            // The writer saw a stage's failure come down the channels; the stage's own error is thrown below.
        }
        finally
        {
            await hard.CancelAsync(); // the writer stopped: nothing upstream can be written any more
            await Task.WhenAll([dispatch, .. stages]).ContinueWith(_ => { }, TaskScheduler.Default);
        }
        var fault = Volatile.Read(ref _rootFault) ?? new[] { dispatch }.Concat(stages).Select(t => FirstFault(t.Exception)).FirstOrDefault(e => e is not null);
        if (fault is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(fault);
        cancellationToken.ThrowIfCancellationRequested();
    }

    private async Task DispatchAsync(IEnumerable<PipelineJob> jobs, ChannelWriter<PipelineWork> writer, SemaphoreSlim working,
        ConcurrentQueue<long> started, CancellationToken stop, CancellationToken token)
    {
        try
        {
            foreach (var job in jobs)
            {
                await working.WaitAsync(stop);
                started.Enqueue(job.Position);
                Interlocked.Increment(ref _dispatched);
                await writer.WriteAsync(new PipelineWork(job), token);
            }
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C: start nothing new; what is in flight finishes (or is abandoned after the grace period).
        }
        finally
        {
            writer.Complete();
        }
    }

    private Task Stage<TOut>(ChannelReader<PipelineWork> input, ChannelWriter<TOut> output, int workers,
        Func<PipelineWork, CancellationToken, ValueTask<TOut>> step, CancellationTokenSource hard)
    {
        var token = hard.Token;
        var tasks = Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            try
            {
                await foreach (var work in input.ReadAllAsync(token))
                {
                    await output.WriteAsync(await step(work, token), token);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A bug or a configuration error: the item it hit can never be written, so stop the whole run
                // (what is written stays consistent and resumable) instead of waiting for it.
                Interlocked.CompareExchange(ref _rootFault, e, null);
                await hard.CancelAsync();
                throw;
            }
        }, token));
        return Task.WhenAll(tasks).ContinueWith(t =>
        {
            output.TryComplete(FirstFault(t.Exception));
            return t;
        }, TaskScheduler.Default).Unwrap();
    }

    private static async ValueTask<PipelineWork> PlanAsync(PipelineWork work, CancellationToken ct)
    {
        var start = await Guarded(work, async () => await work.Job.Start(ct));
        return start.Outcome is { } failed ? work with { Outcome = failed } : work with { Start = start.State };
    }

    private async ValueTask<PipelineWork> SimulateAsync(PipelineWork work, CancellationToken ct)
    {
        if (work.Outcome is not null) return work;
        var final = await Guarded(work, async () => new DialogueStart(await dialogues.SimulateAsync(work.Job.Env, work.Start!, options, ct), null));
        return final.Outcome is { } failed ? work with { Outcome = failed } : work with { Final = final.State };
    }

    private async ValueTask<FinishedItem> VerifyAsync(PipelineWork work, CancellationToken ct)
    {
        var outcome = work.Outcome
            ?? (await Guarded(work, async () => new DialogueStart(null, await dialogues.FinishAsync(work.Job.Env, work.Start!, work.Final!, ct)))).Outcome!;
        return FinishedItem.Of(work.Job.Position, outcome);
    }

    // A model call that failed in a handled way (after its retries) rejects the dialogue, with the failure kind as the reason.
    private static async ValueTask<DialogueStart> Guarded(PipelineWork work, Func<ValueTask<DialogueStart>> step)
    {
        try
        {
            return await step();
        }
        catch (LlmException e)
        {
            var state = work.Start;
            var outcome = new DialogueOutcome(state?.Index ?? work.Job.Position, work.Job.Id, state?.Tasks ?? [])
            {
                Problems = [e.Problem],
            };
            return new DialogueStart(null, outcome);
        }
    }

    private async Task WriteAsync(ChannelReader<FinishedItem> reader, long next, long step, long total, RunTally tally,
        ConcurrentQueue<long> started, CancellationTokenSource hard)
    {
        using var waiting = new ReorderBuffer(Path.Combine(output.Path, OutputDirectory.SpillFile), ReorderMemory);
        var batch = new List<LedgerEntry>();
        var resumed = tally.Done;
        var clock = time.GetTimestamp();
        var lastCommit = clock;
        try
        {
            while (true)
            {
                var more = reader.WaitToReadAsync(CancellationToken.None).AsTask();
                if (batch.Count > 0 && !more.IsCompleted)
                {
                    var wait = CommitInterval - time.GetElapsedTime(lastCommit);
                    if (wait > TimeSpan.Zero) await Task.WhenAny(more, Task.Delay(wait, time, CancellationToken.None));
                    if (!more.IsCompleted)
                    {
                        Commit(batch, started);
                        lastCommit = time.GetTimestamp();
                    }
                }
                if (!await more) break;
                while (reader.TryRead(out var item)) waiting.Add(item);
                while (waiting.TryTake(next, out var item))
                {
                    output.Append(item.Lines);
                    var entry = new LedgerEntry(next, item.State, item.Checks, output.Mark(), item.Lines.Hashes, RoleUsageText.Format(item.Usage));
                    batch.Add(entry);
                    tally.Add(entry.State, entry.FailedChecks, item.Usage);
                    next += step;
                    progress?.Report(Snapshot(tally, resumed, total, clock, item.Index));
                }
                if (batch.Count > 0 && time.GetElapsedTime(lastCommit) >= CommitInterval)
                {
                    Commit(batch, started);
                    lastCommit = time.GetTimestamp();
                }
            }
        }
        catch
        {
            await hard.CancelAsync();
            throw;
        }
        finally
        {
            Commit(batch, started);
        }
    }

    private void Commit(List<LedgerEntry> batch, ConcurrentQueue<long> started)
    {
        output.Sync();
        var starts = new List<long>();
        while (started.TryDequeue(out var position)) starts.Add(position);
        ledger.Record(starts, batch);
        batch.Clear();
    }

    private GenerationProgress Snapshot(RunTally tally, long resumed, long total, long clock, long latest) => new()
    {
        Total = total,
        Done = tally.Done,
        Resumed = resumed,
        Kept = tally.Kept,
        Rejected = tally.Rejected,
        Paused = tally.Paused,
        InFlight = Interlocked.Read(ref _dispatched) - Interlocked.Read(ref _finished),
        Waiting = Interlocked.Read(ref _finished) - (tally.Done - resumed),
        Elapsed = time.GetElapsedTime(clock),
        Errors = new Dictionary<string, int>(tally.ByCheck, StringComparer.Ordinal),
        Usage = usage?.Current ?? tally.Usage,
        LatestIndex = latest,
    };

    // Every worker downstream of a failure sees the same exception; report it once, not as an aggregate of copies.
    private static Exception? FirstFault(AggregateException? error) =>
        error?.Flatten().InnerExceptions.FirstOrDefault(e => e is not OperationCanceledException);

    private static Channel<T> Bounded<T>(int capacity) =>
        Channel.CreateBounded<T>(new BoundedChannelOptions(capacity) { SingleWriter = false, SingleReader = false, FullMode = BoundedChannelFullMode.Wait });
}
