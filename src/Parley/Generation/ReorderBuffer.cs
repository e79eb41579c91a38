using Microsoft.Win32.SafeHandles;
using Parley.Runs;

namespace Parley.Generation;

/// <summary>
/// Finished items waiting for the writer to reach their position. Items are held in memory up to a byte budget, and
/// past it their lines go to a spill file in the run folder, so one slow dialogue (a long model call, a retry storm)
/// holds back only the writing, never the generation: the stages keep every slot busy while the writer waits.
/// </summary>
/// <remarks>The spill file is scratch: an item in it is not yet in the ledger, so a crash only means it is redone on resume.</remarks>
internal sealed class ReorderBuffer : IDisposable
{
    private static readonly OutputLines Empty = new([], [], [], []);
    private readonly Dictionary<long, FinishedItem> _held = [];
    // A spilled item keeps its metadata here and its lines in the file: where they start and each file's share.
    private readonly Dictionary<long, (FinishedItem Item, long Offset, int[] Lengths)> _spilled = [];
    private readonly string _spillPath;
    private readonly long _memoryBudget;
    private SafeFileHandle? _spill;
    private long _spillLength, _heldBytes;

    /// <summary>A buffer holding up to <paramref name="memoryBudget"/> bytes of lines in memory, the rest in <paramref name="spillPath"/>.</summary>
    public ReorderBuffer(string spillPath, long memoryBudget)
    {
        (_spillPath, _memoryBudget) = (spillPath, memoryBudget);
        File.Delete(spillPath); // left by a run that was killed: its items were never committed, so they are redone
    }

    /// <summary>Items waiting.</summary>
    public int Count => _held.Count + _spilled.Count;

    /// <summary>Items whose lines are in the spill file.</summary>
    public int Spilled => _spilled.Count;

    /// <summary>Holds <paramref name="item"/> until its position comes up.</summary>
    public void Add(FinishedItem item)
    {
        if (_heldBytes + item.Lines.Length <= _memoryBudget)
        {
            _held.Add(item.Position, item);
            _heldBytes += item.Lines.Length;
            return;
        }
        _spill ??= File.OpenHandle(_spillPath, FileMode.Create, FileAccess.ReadWrite, FileShare.None, FileOptions.DeleteOnClose);
        var (offset, parts) = (_spillLength, Parts(item.Lines));
        foreach (var part in parts)
        {
            RandomAccess.Write(_spill, part, _spillLength);
            _spillLength += part.Length;
        }
        _spilled.Add(item.Position, (item with { Lines = Empty }, offset, [.. parts.Select(p => p.Length)]));
    }

    /// <summary>Takes the item at <paramref name="position"/> if it has arrived, reading its lines back when spilled.</summary>
    public bool TryTake(long position, out FinishedItem item)
    {
        if (_held.Remove(position, out item!))
        {
            _heldBytes -= item.Lines.Length;
            return true;
        }
        if (!_spilled.Remove(position, out var spilled)) return false;
        item = spilled.Item with { Lines = Read(spilled.Offset, spilled.Lengths) };
        // Nothing left in the file: start it over rather than let it grow for the whole run.
        if (_spilled.Count == 0) _spillLength = 0;
        return true;
    }

    private OutputLines Read(long offset, int[] lengths)
    {
        var parts = lengths.Select(n => new byte[n]).ToArray();
        foreach (var part in parts)
        {
            for (var read = 0; read < part.Length;)
            {
                read += RandomAccess.Read(_spill!, part.AsSpan(read), offset + read);
            }
            offset += part.Length;
        }
        return new OutputLines(parts[0], parts[1], parts[2], parts[3]);
    }

    private static byte[][] Parts(OutputLines lines) => [lines.Tasks, lines.Dialogues, lines.Rejected, lines.States];

    /// <inheritdoc />
    public void Dispose() => _spill?.Dispose();
}
