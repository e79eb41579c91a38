namespace Parley.Determinism;

/// <summary>Derives seeds and ids from a run seed and an item's position, independent of run order and machine.</summary>
internal static class StableSeed
{
    /// <summary>Mixes a parent seed with a label and an index into a child seed.</summary>
    public static ulong Derive(ulong parent, string label, long index = 0)
    {
        // FNV-1a over the label, then mixed with the parent and index.
        var rng = new SeededRandom(parent ^ Fnv1a.Hash(label) ^ ((ulong)index * 0x9E3779B97F4A7C15UL));
        rng.NextUInt64();
        return rng.NextUInt64();
    }

    /// <summary>The stable id of dialogue <paramref name="index"/> of a run: readable and unique per (seed, mode, index).</summary>
    /// <remarks>
    /// The mode enters the id so a user-oriented and a task-oriented run of one seed, which plan the same tasks, never
    /// share an id when their files are mixed; user-oriented ids are those earlier versions gave.
    /// </remarks>
    public static string DialogueId(ulong runSeed, long index, bool taskOriented = false) =>
        $"dlg-{Derive(runSeed, taskOriented ? "dialogue-id:task-oriented" : "dialogue-id", index) & 0xFFFFFFFFFFFFUL:x12}-{index:D6}";
}
