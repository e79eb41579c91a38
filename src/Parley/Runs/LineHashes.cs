using System.Security.Cryptography;

namespace Parley.Runs;

/// <summary>
/// The content hashes of one item's lines in each run file, line by line (each the first 64 bits of the line's SHA-256
/// in hex, joined by <c>+</c>; empty when the item has no line there), recorded in the run's ledger so readers find the
/// exact line that was edited, duplicated, swapped or removed after the run wrote it.
/// </summary>
internal sealed record LineHashes(string Dialogues, string Rejected, string Tasks, string States)
{
    private const int HexPerLine = 16;

    /// <summary>The hashes of an item's lines in each file.</summary>
    public static LineHashes Of(ReadOnlySpan<byte> dialogues, ReadOnlySpan<byte> rejected, ReadOnlySpan<byte> tasks, ReadOnlySpan<byte> states) =>
        new(Of(dialogues), Of(rejected), Of(tasks), Of(states));

    /// <summary>The hashes of one file's lines of an item (each line with its <c>\n</c>); empty for none.</summary>
    public static string Of(ReadOnlySpan<byte> lines)
    {
        var hashes = new List<string>();
        for (var rest = lines; !rest.IsEmpty;)
        {
            var line = NextLine(ref rest);
            hashes.Add(Hash(line));
        }
        return string.Join('+', hashes);
    }

    /// <summary>
    /// The 0-based index of the first of <paramref name="lines"/> whose hash is not the one in <paramref name="expected"/>
    /// (a stored <see cref="Of(ReadOnlySpan{byte})"/>), or -1 when all match and the line counts agree.
    /// </summary>
    public static int FirstMismatch(ReadOnlySpan<byte> lines, string expected)
    {
        var stored = expected.Length == 0 ? [] : expected.Split('+');
        var index = 0;
        for (var rest = lines; !rest.IsEmpty; index++)
        {
            var line = NextLine(ref rest);
            if (index >= stored.Length || stored[index] != Hash(line)) return index;
        }
        return index == stored.Length ? -1 : index;
    }

    /// <summary>The stored form: the four files' hashes, comma-separated, in the order dialogues, rejected, tasks, states.</summary>
    public override string ToString() => $"{Dialogues},{Rejected},{Tasks},{States}";

    /// <summary>Reads the stored form (<see cref="ToString"/>); null when <paramref name="stored"/> is not one.</summary>
    public static LineHashes? Parse(string? stored) =>
        stored?.Split(',') is [var d, var r, var t, var s] ? new LineHashes(d, r, t, s) : null;

    private static ReadOnlySpan<byte> NextLine(ref ReadOnlySpan<byte> rest)
    {
        var end = rest.IndexOf((byte)'\n');
        var line = end < 0 ? rest : rest[..(end + 1)];
        rest = rest[line.Length..];
        return line;
    }

    private static string Hash(ReadOnlySpan<byte> line)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(line, hash);
        return Convert.ToHexStringLower(hash[..(HexPerLine / 2)]);
    }
}
