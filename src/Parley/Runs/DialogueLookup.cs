using System.Globalization;
using Parley.Dialogues;

namespace Parley.Runs;

/// <summary>Finds one dialogue of a run folder, kept or rejected, by its id, its index or a unique id prefix (<c>parley show</c>).</summary>
public static class DialogueLookup
{
    /// <summary>
    /// The dialogue of <paramref name="folder"/> whose id or index is <paramref name="key"/>, else the only one whose id
    /// starts with it. Reads the run's files one dialogue at a time.
    /// </summary>
    /// <exception cref="ParleyException">The folder holds no run, no dialogue matches, or a prefix matches several.</exception>
    public static Dialogue Find(string folder, string key)
    {
        if (!Directory.Exists(folder)) throw ParleyException.NotFound(folder, "no such run folder");
        Dialogue? byPrefix = null;
        var prefixed = 0;
        foreach (var dialogue in All(folder))
        {
            if (dialogue.Id == key || dialogue.Metadata.Index.ToString(CultureInfo.InvariantCulture) == key) return dialogue;
            if (!dialogue.Id.StartsWith(key, StringComparison.Ordinal)) continue;
            byPrefix ??= dialogue;
            prefixed++;
        }
        return prefixed switch
        {
            1 => byPrefix!,
            0 => throw ParleyException.NotFound(folder, $"no dialogue '{key}' (give an id, an index or a unique id prefix)"),
            var n => throw ParleyException.NotFound(folder, $"'{key}' matches {n} dialogues; give more of the id"),
        };
    }

    private static IEnumerable<Dialogue> All(string folder)
    {
        if (!File.Exists(Path.Combine(folder, OutputDirectory.DialoguesFile)) && !File.Exists(Path.Combine(folder, OutputDirectory.RejectedFile)))
        {
            throw ParleyException.NotFound(folder, $"no {OutputDirectory.DialoguesFile}: is this a run folder (parley generate --out)?");
        }
        return RunReader.Dialogues(folder, DialogueSet.Kept).Concat(RunReader.Dialogues(folder, DialogueSet.Rejected)).Select(d => d.Dialogue);
    }
}
