namespace Parley.Determinism;

/// <summary>64-bit FNV-1a over a string's UTF-16 code units: a stable, machine-independent hash (never for security).</summary>
internal static class Fnv1a
{
    /// <summary>The hash of the empty string, where every running hash starts.</summary>
    public const ulong Basis = 14695981039346656037UL;

    /// <summary>The FNV prime each step multiplies by.</summary>
    public const ulong Prime = 1099511628211UL;

    /// <summary>Adds one code unit to a running hash.</summary>
    public static ulong Add(ulong hash, char c) => (hash ^ c) * Prime;

    /// <summary>The hash of <paramref name="text"/>.</summary>
    public static ulong Hash(string text)
    {
        var h = Basis;
        foreach (var c in text) h = Add(h, c);
        return h;
    }
}
