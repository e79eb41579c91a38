using System.Security.Cryptography;

namespace Parley.Export;

/// <summary>
/// The content hashes of one item's lines in each run file (the first 128 bits of SHA-256, in hex; empty when the item
/// has no line there), recorded in the run's ledger so readers detect lines that were edited, duplicated, swapped or
/// removed after the run wrote them.
/// </summary>
public sealed record LineHashes(string Dialogues, string Rejected, string Tasks, string States)
{
    /// <summary>The hashes of an item's lines in each file.</summary>
    public static LineHashes Of(ReadOnlySpan<byte> dialogues, ReadOnlySpan<byte> rejected, ReadOnlySpan<byte> tasks, ReadOnlySpan<byte> states) =>
        new(Of(dialogues), Of(rejected), Of(tasks), Of(states));

    /// <summary>The hash of one file's bytes of an item; empty for none.</summary>
    public static string Of(ReadOnlySpan<byte> lines)
    {
        if (lines.IsEmpty) return "";
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(lines, hash);
        return Convert.ToHexStringLower(hash[..16]);
    }

    /// <summary>The stored form: the four hashes, comma-separated, in the order dialogues, rejected, tasks, states.</summary>
    public override string ToString() => $"{Dialogues},{Rejected},{Tasks},{States}";

    /// <summary>Reads the stored form (<see cref="ToString"/>); null when <paramref name="stored"/> is not one.</summary>
    public static LineHashes? Parse(string? stored) =>
        stored?.Split(',') is [var d, var r, var t, var s] ? new LineHashes(d, r, t, s) : null;
}
