using Parley.Dialogues;
using Parley.Quality;
using Parley.Runs;

namespace Parley.Export;

/// <summary>
/// The kept dialogues of a run folder chosen for export, and the split each goes to, decided in one streaming pass:
/// only the ids left out, the environments and (with deduplication) the detector's signatures stay in memory. Each
/// split is then read again from the folder as it is written.
/// </summary>
public sealed class ExportSelection
{
    private readonly string _folder;
    private readonly IReadOnlyList<IReadOnlySet<string>> _excluded;
    private readonly IReadOnlySet<string> _duplicates;
    private readonly IReadOnlySet<string> _validation;

    private ExportSelection(string folder, IReadOnlyList<IReadOnlySet<string>> excluded, IReadOnlySet<string> duplicates, IReadOnlySet<string> validation,
        IReadOnlyList<int> excludedCounts, int train, int validationCount)
    {
        (_folder, _excluded, _duplicates, _validation) = (folder, excluded, duplicates, validation);
        (Excluded, TrainDialogues, ValidationDialogues) = (excludedCounts, train, validationCount);
    }

    /// <summary>Per set of excluded ids (in the order given), how many dialogues it left out that no earlier set had.</summary>
    public IReadOnlyList<int> Excluded { get; }

    /// <summary>Near-duplicates left out (all but the first of each cluster, among the dialogues not excluded).</summary>
    public int NearDuplicates => _duplicates.Count;

    /// <summary>Dialogues of the train split.</summary>
    public int TrainDialogues { get; }

    /// <summary>Dialogues of the validation split.</summary>
    public int ValidationDialogues { get; }

    /// <summary>
    /// Chooses among <paramref name="folder"/>'s kept dialogues: those whose id is in none of <paramref name="excluded"/>,
    /// without near-duplicates when <paramref name="deduplicate"/> is set, split by environment as
    /// <see cref="DatasetExporter.SplitByEnvironment"/> splits them.
    /// </summary>
    public static ExportSelection Of(string folder, IReadOnlyList<IReadOnlySet<string>> excluded, DeduplicationOptions? deduplicate, double validationFraction,
        CancellationToken cancellationToken = default)
    {
        var excludedCounts = new int[excluded.Count];
        var detector = deduplicate is null ? null : new NearDuplicateDetector(deduplicate);
        var perEnvironment = new Dictionary<string, int>(StringComparer.Ordinal);
        var environmentOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var kept in RunReader.Dialogues(folder, DialogueSet.Kept, cancellationToken))
        {
            var d = kept.Dialogue;
            var set = IndexOf(excluded, d.Id);
            if (set >= 0)
            {
                excludedCounts[set]++;
                continue;
            }
            var environment = d.Metadata.EnvironmentId;
            perEnvironment[environment] = perEnvironment.GetValueOrDefault(environment) + 1;
            if (detector is null) continue;
            detector.Add(d);
            // One string per environment, however many dialogues name it.
            environmentOf[d.Id] = names.TryGetValue(environment, out var name) ? name : names[environment] = environment;
        }
        IReadOnlySet<string> duplicates = new HashSet<string>(StringComparer.Ordinal);
        if (detector is not null)
        {
            var report = detector.Detect();
            duplicates = report.DuplicateOf().Keys.ToHashSet(StringComparer.Ordinal);
            foreach (var id in duplicates) perEnvironment[environmentOf[id]]--;
        }
        var present = perEnvironment.Where(e => e.Value > 0).ToList();
        var validation = DatasetExporter.ValidationEnvironments(present.Select(e => e.Key), validationFraction);
        var held = present.Where(e => validation.Contains(e.Key)).Sum(e => e.Value);
        return new ExportSelection(folder, excluded, duplicates, validation, excludedCounts, present.Sum(e => e.Value) - held, held);
    }

    /// <summary>The train split's dialogues, read from the folder as they are enumerated.</summary>
    public IEnumerable<Dialogue> Train(CancellationToken cancellationToken = default) => Split(validation: false, cancellationToken);

    /// <summary>The validation split's dialogues, read from the folder as they are enumerated.</summary>
    public IEnumerable<Dialogue> Validation(CancellationToken cancellationToken = default) => Split(validation: true, cancellationToken);

    private IEnumerable<Dialogue> Split(bool validation, CancellationToken cancellationToken) =>
        RunReader.Dialogues(_folder, DialogueSet.Kept, cancellationToken).Select(k => k.Dialogue)
            .Where(d => IndexOf(_excluded, d.Id) < 0 && !_duplicates.Contains(d.Id) && _validation.Contains(d.Metadata.EnvironmentId) == validation);

    private static int IndexOf(IReadOnlyList<IReadOnlySet<string>> sets, string id)
    {
        for (var i = 0; i < sets.Count; i++)
        {
            if (sets[i].Contains(id)) return i;
        }
        return -1;
    }
}
