using Parley.Dialogues;
using Parley.Quality;
using Parley.Runs;

namespace Parley.Export;

/// <summary>
/// The kept dialogues of a run folder chosen for export, and the split each goes to, decided in one streaming pass:
/// only counts per environment and, with deduplication, the detector's fingerprints and each dialogue's environment stay
/// in memory. Each split is then read again from the folder as it is written. With nothing to choose (no exclusion,
/// no deduplication, no validation split) there is no choosing pass: the run is read once, as it is written.
/// </summary>
internal sealed class ExportSelection
{
    private readonly string _folder;
    private readonly IReadOnlyList<DialogueExclusion> _excluded;
    private readonly IReadOnlySet<string> _duplicates;
    private readonly IReadOnlySet<string> _validation;

    private ExportSelection(string folder, IReadOnlyList<DialogueExclusion> excluded, IReadOnlySet<string> duplicates, IReadOnlySet<string> validation,
        IReadOnlyList<int> excludedCounts, int validationCount)
    {
        (_folder, _excluded, _duplicates, _validation) = (folder, excluded, duplicates, validation);
        (Excluded, ValidationDialogues) = (excludedCounts, validationCount);
    }

    /// <summary>Per exclusion (in the order given), how many dialogues it left out that no earlier one had.</summary>
    public IReadOnlyList<int> Excluded { get; }

    /// <summary>Near-duplicates left out (all but the first of each cluster, among the dialogues not excluded).</summary>
    public int NearDuplicates => _duplicates.Count;

    /// <summary>Dialogues of the validation split.</summary>
    public int ValidationDialogues { get; }

    /// <summary>
    /// Chooses among <paramref name="folder"/>'s kept dialogues: those none of <paramref name="excluded"/> excludes,
    /// without near-duplicates when <paramref name="deduplicate"/> is set, split by environment as
    /// <see cref="DatasetExporter.ValidationEnvironments"/> chooses.
    /// </summary>
    public static ExportSelection Of(string folder, IReadOnlyList<DialogueExclusion> excluded, DeduplicationOptions? deduplicate, double validationFraction,
        CancellationToken cancellationToken = default)
    {
        if (excluded.Count == 0 && deduplicate is null && validationFraction <= 0)
        {
            // Nothing to choose: every kept dialogue is train. The folder is checked now and read as it is written.
            _ = RunReader.Dialogues(folder, DialogueSet.Kept, cancellationToken);
            return new ExportSelection(folder, excluded, new HashSet<string>(), new HashSet<string>(), [], 0);
        }
        var excludedCounts = new int[excluded.Count];
        var perEnvironment = new Dictionary<string, int>(StringComparer.Ordinal);
        var environmentOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var detector = deduplicate is null ? null : new NearDuplicateDetector(deduplicate);
        // One pass: the counts are taken as the dialogues are read, and the detector (when there is one) reads them too.
        if (detector is null) _ = Chosen().Count();
        else detector.AddAll(Chosen(), cancellationToken);
        IReadOnlySet<string> duplicates = detector is null ? new HashSet<string>() : detector.Detect().DuplicateOf().Keys.ToHashSet(StringComparer.Ordinal);
        foreach (var id in duplicates) perEnvironment[environmentOf[id]]--;
        var present = perEnvironment.Where(e => e.Value > 0).ToList();
        var validation = DatasetExporter.ValidationEnvironments(present.Select(e => e.Key), validationFraction);
        var held = present.Where(e => validation.Contains(e.Key)).Sum(e => e.Value);
        return new ExportSelection(folder, excluded, duplicates, validation, excludedCounts, held);

        IEnumerable<Dialogue> Chosen()
        {
            foreach (var kept in RunReader.Dialogues(folder, DialogueSet.Kept, cancellationToken))
            {
                var d = kept.Dialogue;
                var by = IndexOf(excluded, d);
                if (by >= 0)
                {
                    excludedCounts[by]++;
                    continue;
                }
                var environment = d.Metadata.EnvironmentId;
                perEnvironment[environment] = perEnvironment.GetValueOrDefault(environment) + 1;
                // One string per environment, however many dialogues name it.
                if (deduplicate is not null) environmentOf[d.Id] = names.TryGetValue(environment, out var name) ? name : names[environment] = environment;
                yield return d;
            }
        }
    }

    /// <summary>The train split's dialogues, read from the folder as they are enumerated.</summary>
    public IEnumerable<Dialogue> Train(CancellationToken cancellationToken = default) => Split(validation: false, cancellationToken);

    /// <summary>The validation split's dialogues, read from the folder as they are enumerated.</summary>
    public IEnumerable<Dialogue> Validation(CancellationToken cancellationToken = default) => Split(validation: true, cancellationToken);

    private IEnumerable<Dialogue> Split(bool validation, CancellationToken cancellationToken) => validation && _validation.Count == 0 ? [] :
        RunReader.Dialogues(_folder, DialogueSet.Kept, cancellationToken).Select(k => k.Dialogue)
            .Where(d => IndexOf(_excluded, d) < 0 && !_duplicates.Contains(d.Id) && _validation.Contains(d.Metadata.EnvironmentId) == validation);

    private static int IndexOf(IReadOnlyList<DialogueExclusion> exclusions, Dialogue dialogue)
    {
        for (var i = 0; i < exclusions.Count; i++)
        {
            if (exclusions[i].Excludes(dialogue)) return i;
        }
        return -1;
    }
}
