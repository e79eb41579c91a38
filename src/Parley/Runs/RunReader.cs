using System.Runtime.ExceptionServices;
using Parley.Dialogues;
using Parley.Serialization;

namespace Parley.Runs;

/// <summary>
/// The one streaming reader of a run folder written by <c>generate</c> or <c>merge</c>: its items in position order,
/// each as the exact bytes its ledger records in every run file, one item in memory at a time. Every item's bytes are
/// checked against the content hashes in the ledger, and each file must end where the ledger says, so a line that was
/// edited, duplicated, swapped, removed or added after the run is refused with its file and line number. A folder
/// without a ledger (written by <c>parley filter</c>) is read line by line, unchecked.
/// </summary>
internal static class RunReader
{
    /// <summary>The run files, in the order of an item's parts.</summary>
    public static readonly string[] Files = [OutputDirectory.DialoguesFile, OutputDirectory.RejectedFile, OutputDirectory.TasksFile, OutputDirectory.StatesFile];

    /// <summary>Reads <paramref name="folder"/>'s finished items as they are enumerated; a <see cref="ParleyException"/> at the first line that does not match.</summary>
    public static IEnumerable<RunItem> Read(string folder, CancellationToken cancellationToken = default)
    {
        using var ledger = RunLedger.Open(folder);
        var files = Files.Select(f => new Cursor(Path.Combine(folder, f))).ToArray();
        try
        {
            var before = FileOffsets.Zero;
            foreach (var entry in ledger.ReadFinished())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var first = new FileOffsets(files[0].Line, files[1].Line, files[2].Line, files[3].Line);
                var hashes = entry.Hashes;
                var dialogues = files[0].Take(entry.End.Dialogues - before.Dialogues, hashes?.Dialogues);
                var rejected = files[1].Take(entry.End.Rejected - before.Rejected, hashes?.Rejected);
                var tasks = files[2].Take(entry.End.Tasks - before.Tasks, hashes?.Tasks);
                var states = files[3].Take(entry.End.States - before.States, hashes?.States);
                CheckState(folder, entry, dialogues, rejected, states);
                yield return new RunItem(folder, entry, dialogues, rejected, tasks, states, first);
                before = entry.End;
            }
            foreach (var file in files) file.EndsHere();
        }
        finally
        {
            foreach (var file in files) file.Dispose();
        }
    }

    /// <summary>
    /// Reads <paramref name="folder"/>'s kept or rejected dialogues in the order written, as they are enumerated: lines
    /// are parsed in parallel a batch at a time, so at most one batch of dialogues is in memory. Through the ledger
    /// (checked as <see cref="Read"/> checks it) when the folder has one, else straight from the file.
    /// </summary>
    public static IEnumerable<RunDialogue> Dialogues(string folder, DialogueSet set, CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(folder)) throw ParleyException.NotFound(folder, "no such run folder");
        if (File.Exists(RunLedger.PathOf(folder)))
        {
            var items = Read(folder, cancellationToken).Where(i => (set == DialogueSet.Kept ? i.Dialogues : i.Rejected).Length > 0);
            return Parsed(items.Chunk(BatchSize), item => set == DialogueSet.Kept
                ? new RunDialogue(item.Kept!, true, [], item)
                : item.RejectedEntry is { Dialogue: { } dialogue } entry ? new RunDialogue(dialogue, false, entry.Reasons, item) : null, cancellationToken);
        }
        if (set == DialogueSet.Kept)
        {
            var path = OutputDirectory.DialoguesOf(folder);
            return Parsed(Lines(path).Chunk(BatchSize), line => new RunDialogue(JsonlFile.ParseLine(path, line.Number, line.Text, DialogueJsonContext.Default.Dialogue), true, [], null), cancellationToken);
        }
        var rejected = Path.Combine(folder, OutputDirectory.RejectedFile);
        return File.Exists(rejected)
            ? Parsed(Lines(rejected).Chunk(BatchSize), line => JsonlFile.ParseLine(rejected, line.Number, line.Text, RunJsonContext.Default.RejectedDialogue) is { Dialogue: { } d } r ? new RunDialogue(d, false, r.Reasons, null) : null, cancellationToken)
            : [];
    }

    // Dialogues parsed per batch; enough to keep every core busy, few enough that a batch of long dialogues stays small.
    private const int BatchSize = 256;

    private static IEnumerable<RunDialogue> Parsed<T>(IEnumerable<T[]> batches, Func<T, RunDialogue?> parse, CancellationToken cancellationToken)
    {
        foreach (var batch in batches)
        {
            var parsed = new RunDialogue?[batch.Length];
            try
            {
                Parallel.For(0, batch.Length, new ParallelOptions { CancellationToken = cancellationToken }, i => parsed[i] = parse(batch[i]));
            }
            catch (AggregateException e) when (e.InnerExceptions.OfType<ParleyException>().FirstOrDefault() is { } invalid)
            {
                ExceptionDispatchInfo.Throw(invalid);
            }
            foreach (var dialogue in parsed)
            {
                if (dialogue is not null) yield return dialogue;
            }
        }
    }

    private static IEnumerable<(long Number, string Text)> Lines(string path)
    {
        var number = 0L;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (!string.IsNullOrWhiteSpace(line)) yield return (number, line);
        }
    }

    // An item has exactly one line in the file of its state (so counts taken from states equal the lines) and none in the others.
    private static void CheckState(string folder, LedgerEntry entry, byte[] dialogues, byte[] rejected, byte[] states)
    {
        foreach (var (file, bytes, state) in new[] { (Files[0], dialogues, LedgerStates.Kept), (Files[1], rejected, LedgerStates.Rejected), (Files[3], states, LedgerStates.Paused) })
        {
            var lines = bytes.AsSpan().Count((byte)'\n');
            if (lines != (entry.State == state ? 1 : 0))
            {
                throw ParleyException.InvalidFile(RunLedger.PathOf(folder), $"item {entry.Position} is recorded {entry.State} but has {lines} line(s) in {file}; the ledger is damaged");
            }
        }
    }

    // One run file read front to back, counting lines.
    private sealed class Cursor(string path) : IDisposable
    {
        private readonly Stream _stream = File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16) : Stream.Null;

        public long Line { get; private set; } = 1;

        public byte[] Take(long length, string? hash)
        {
            if (length < 0) throw ParleyException.InvalidFile(RunLedger.PathOf(Path.GetDirectoryName(path)!), "records a file end before the previous one; the ledger is damaged");
            var bytes = new byte[length];
            var read = 0;
            while (read < length && _stream.Read(bytes, read, (int)(length - read)) is var n and > 0) read += n;
            if (read < length)
            {
                throw ParleyException.TamperedLine(path, Line + bytes.AsSpan(0, read).Count((byte)'\n'),
                    "the file ends before the lines its run's ledger records: lines were removed after the run");
            }
            if (hash is not null && LineHashes.FirstMismatch(bytes, hash) is var wrong and >= 0)
            {
                throw ParleyException.TamperedLine(path, Line + wrong,
                    "is not the line the run wrote here (its content hash differs from the ledger's): it was edited, or lines were duplicated, swapped or removed");
            }
            Line += bytes.AsSpan().Count((byte)'\n');
            return bytes;
        }

        public void EndsHere()
        {
            if (_stream.ReadByte() >= 0)
            {
                throw ParleyException.TamperedLine(path, Line,
                    "is not in the run's ledger: lines were added after the run, or the run is unfinished (finish it with 'parley generate --resume')");
            }
        }

        public void Dispose() => _stream.Dispose();
    }
}
