using Parley.Determinism;

namespace Parley.Quality;

/// <summary>Seeded MinHash signatures of shingle sets, and their LSH band keys.</summary>
/// <remarks>Immutable after construction, so one instance serves every thread.</remarks>
internal sealed class MinHash
{
    private readonly ulong[] _seeds;
    private readonly int _rows;

    public MinHash(ulong seed, int hashes, int bands)
    {
        _seeds = [.. Enumerable.Range(0, hashes).Select(i => StableSeed.Derive(seed, "minhash", i))];
        _rows = hashes / bands;
    }

    /// <summary>The band keys of a non-empty set: one 32-bit hash of each band's <c>hashes / bands</c> minima.</summary>
    public uint[] BandKeys(ReadOnlySpan<uint> shingles)
    {
        Span<ulong> signature = stackalloc ulong[_seeds.Length];
        signature.Fill(ulong.MaxValue);
        foreach (var shingle in shingles)
        {
            for (var i = 0; i < _seeds.Length; i++)
            {
                var h = Shingles.Mix(shingle ^ _seeds[i]);
                if (h < signature[i]) signature[i] = h;
            }
        }
        var keys = new uint[_seeds.Length / _rows];
        for (var band = 0; band < keys.Length; band++)
        {
            var h = (ulong)band;
            foreach (var row in signature.Slice(band * _rows, _rows)) h = Shingles.Mix(h ^ row);
            keys[band] = (uint)(h ^ (h >> 32));
        }
        return keys;
    }
}
