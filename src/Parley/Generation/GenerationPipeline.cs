using System.Collections.Concurrent;
using System.Threading.Channels;
using Parley.Dialogues;
using Parley.Export;
using Parley.Llm;

namespace Parley.Generation;

/// <summary>
/// Runs a run's items through bounded channels: tasks (plan or load the opening state) → dialogue (simulate) →
/// verification → write. At most <see cref="GenerationOptions.Concurrency"/> items are being worked on, and at most
/// twice that are unwritten (the rest wait, finished, in the reorder buffer), so memory follows the concurrency, not
/// the run size. The single writer puts items in position order, appends them, and commits them to the ledger.
/// </summary>
internal sealed class GenerationPipeline(DialogueGenerator dialogues, GenerationOptions options, OutputDirectory output, RunLedger ledger,
    TimeProvider time, IUsageSource? usage, IProgress<GenerationProgress>? progress)
{
    // How long finished lines may wait before they are fsynced and committed; a crash loses at most this much work.
    private static readonly TimeSpan CommitInterval = TimeSpan.FromMilliseconds(100);
    // How long in-flight items may take to finish after cancellation before they are abandoned (to be redone on resume).
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    private long _dispatched;

    /// <summary>Runs <paramref name="jobs"/> (in position order, each next position <paramref name="step"/> after the last).</summary>
    public async Task RunAsync(IEnumerable<PipelineJob> jobs, long firstPosition, long step, long total, RunTally tally, CancellationToken cancellationToken)
    {
        var concurrency = options.Concurrency;
        var working = new SemaphoreSlim(concurrency);
        var unwritten = new SemaphoreSlim(2 * concurrency);
        var started = new ConcurrentQueue<long>();
        using var hard = new CancellationTokenSource();
        using var onCancel = cancellationToken.Register(() => hard.CancelAfter(Grace));
        var token = hard.Token;

        var queued = Bounded<PipelineWork>(concurrency);
        var planned = Bounded<PipelineWork>(concurrency);
        var simulated = Bounded<PipelineWork>(concurrency);
        var finished = Channel.CreateUnbounded<PipelineWork>(new UnboundedChannelOptions { SingleReader = true });

        using var stopDispatch = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, token);
        var dispatch = DispatchAsync(jobs, queued.Writer, working, unwritten, started, stopDispatch.Token, token);
        var stages = new[]
        {
            Stage(queued.Reader, planned.Writer, concurrency, PlanAsync, hard),
            Stage(planned.Reader, simulated.Writer, concurrency, SimulateAsync, hard),
            Stage(simulated.Reader, finished.Writer, concurrency, async (work, ct) =>
            {
                var done = await VerifyAsync(work, ct);
                working.Release();
                return done;
            }, hard),
        };
        try
        {
            await WriteAsync(finished.Reader, firstPosition, step, total, tally, unwritten, started, hard);
        }
        finally
        {
            await hard.CancelAsync(); // the writer stopped: nothing upstream can be written any more
            await Task.WhenAll([dispatch, .. stages]).ContinueWith(_ => { }, TaskScheduler.Default);
        }
        var fault = new[] { dispatch }.Concat(stages).Select(t => FirstFault(t.Exception)).FirstOrDefault(e => e is not null);
        if (fault is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(fault);
        cancellationToken.ThrowIfCancellationRequested();
    }

    private async Task DispatchAsync(IEnumerable<PipelineJob> jobs, ChannelWriter<PipelineWork> writer, SemaphoreSlim working, SemaphoreSlim unwritten,
        ConcurrentQueue<long> started, CancellationToken stop, CancellationToken token)
    {
        try
        {
            foreach (var job in jobs)
            {
                await unwritten.WaitAsync(stop);
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

    private static Task Stage(ChannelReader<PipelineWork> input, ChannelWriter<PipelineWork> output, int workers,
        Func<PipelineWork, CancellationToken, ValueTask<PipelineWork>> step, CancellationTokenSource hard)
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

    private async ValueTask<PipelineWork> VerifyAsync(PipelineWork work, CancellationToken ct)
    {
        if (work.Outcome is not null) return work;
        var verified = await Guarded(work, async () => new DialogueStart(null, await dialogues.FinishAsync(work.Job.Env, work.Start!, work.Final!, ct)));
        return work with { Outcome = verified.Outcome };
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
                Problems = [e.Reason],
            };
            return new DialogueStart(null, outcome);
        }
    }

    private async Task WriteAsync(ChannelReader<PipelineWork> reader, long next, long step, long total, RunTally tally, SemaphoreSlim unwritten,
        ConcurrentQueue<long> started, CancellationTokenSource hard)
    {
        var waiting = new Dictionary<long, PipelineWork>();
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
                while (reader.TryRead(out var work)) waiting[work.Job.Position] = work;
                while (waiting.Remove(next, out var work))
                {
                    var outcome = work.Outcome!;
                    Write(outcome);
                    var entry = new LedgerEntry(next, LedgerStates.Of(outcome), string.Join(",", Checks(outcome)), output.Mark());
                    batch.Add(entry);
                    tally.Add(entry.State, entry.FailedChecks, Usage(outcome.Dialogue));
                    unwritten.Release();
                    next += step;
                    progress?.Report(Snapshot(tally, resumed, total, clock, outcome));
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

    private void Write(DialogueOutcome outcome)
    {
        foreach (var task in outcome.Tasks) output.WriteTask(task);
        if (outcome.Paused is { } state) output.WriteState(state);
        else if (outcome.Kept) output.WriteDialogue(outcome.Dialogue!);
        else output.WriteRejected(new RejectedDialogue(outcome.Id, outcome.Problems, outcome.Dialogue));
    }

    private void Commit(List<LedgerEntry> batch, ConcurrentQueue<long> started)
    {
        output.Sync();
        var starts = new List<long>();
        while (started.TryDequeue(out var position)) starts.Add(position);
        ledger.Record(starts, batch);
        batch.Clear();
    }

    private static IEnumerable<string> Checks(DialogueOutcome outcome) =>
        outcome.Kept || outcome.Paused is not null ? [] : outcome.Problems.Select(p => p.Split(':')[0]).Distinct();

    private static TokenUsage? Usage(Dialogue? dialogue) =>
        dialogue?.Metadata.Usage is { Count: > 0 } roles ? roles.Values.Aggregate(TokenUsage.None, (a, b) => a + b) : null;

    private GenerationProgress Snapshot(RunTally tally, long resumed, long total, long clock, DialogueOutcome latest) => new()
    {
        Total = total,
        Done = tally.Done,
        Resumed = resumed,
        Kept = tally.Kept,
        Rejected = tally.Rejected,
        Paused = tally.Paused,
        InFlight = Interlocked.Read(ref _dispatched) - (tally.Done - resumed),
        Elapsed = time.GetElapsedTime(clock),
        Errors = new Dictionary<string, int>(tally.ByCheck, StringComparer.Ordinal),
        Usage = usage?.Current ?? tally.Usage,
        Latest = latest,
    };

    // Every worker downstream of a failure sees the same exception; report it once, not as an aggregate of copies.
    private static Exception? FirstFault(AggregateException? error) =>
        error?.Flatten().InnerExceptions.FirstOrDefault(e => e is not OperationCanceledException);

    private static Channel<T> Bounded<T>(int capacity) =>
        Channel.CreateBounded<T>(new BoundedChannelOptions(capacity) { SingleWriter = false, SingleReader = false, FullMode = BoundedChannelFullMode.Wait });
}
