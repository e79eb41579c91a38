using Parley.Dialogues;
using Parley.Quality;

namespace Parley.Export;

/// <summary>Criteria a dialogue must meet to be kept by <c>parley filter</c>; an unset criterion keeps everything.</summary>
public sealed record DialogueFilter
{
    /// <summary>Keep only dialogues whose verification passed.</summary>
    public bool PassedOnly { get; init; } = true;

    /// <summary>Inclusive range of turns (every message but the system prompt).</summary>
    public (int Min, int Max) Turns { get; init; } = (0, int.MaxValue);

    /// <summary>Inclusive range of tool calls.</summary>
    public (int Min, int Max) ToolCalls { get; init; } = (0, int.MaxValue);

    /// <summary>Domains to keep; empty keeps all.</summary>
    public IReadOnlyList<string> Domains { get; init; } = [];

    /// <summary>Termination reasons to keep; empty keeps all.</summary>
    public IReadOnlyList<TerminationReason> Terminations { get; init; } = [];

    /// <summary>
    /// Minimum judge score per score name (e.g. <c>user_naturalness</c> → 4); a dialogue without that score (not judged,
    /// or the judge was unavailable) is dropped too. Empty keeps all.
    /// </summary>
    public IReadOnlyDictionary<string, int> MinJudgeScores { get => field ?? new Dictionary<string, int>(); init; }

    /// <summary>Near-duplicate detection applied after the other criteria; null keeps near-duplicates.</summary>
    public DeduplicationOptions? Deduplicate { get; init; }

    /// <summary>
    /// Every dialogue with the reasons it is dropped (empty when kept), in input order. Near-duplicates are looked for only
    /// among the dialogues that meet every other criterion, so each cluster keeps its first such dialogue and the others
    /// get the reason <c>near_duplicate_of:&lt;id&gt;</c>.
    /// </summary>
    public IReadOnlyList<(Dialogue Dialogue, IReadOnlyList<string> Reasons)> Apply(IReadOnlyList<Dialogue> dialogues) => [.. Apply(() => dialogues)];

    /// <summary>
    /// <see cref="Apply(IReadOnlyList{Dialogue})"/> over the dialogues <paramref name="read"/> returns, taken as they are
    /// enumerated: with <see cref="Deduplicate"/> set they are read twice (the same dialogues in the same order each time),
    /// first to find the near-duplicates, keeping only their fingerprints.
    /// </summary>
    internal IEnumerable<(Dialogue Dialogue, IReadOnlyList<string> Reasons)> Apply(Func<IEnumerable<Dialogue>> read)
    {
        var duplicateOf = Deduplicate is null ? null : NearDuplicateDetector.Find(read().Where(d => Reasons(d).Count == 0), Deduplicate).DuplicateOf();
        foreach (var dialogue in read())
        {
            var reasons = Reasons(dialogue);
            yield return reasons.Count == 0 && duplicateOf is not null && duplicateOf.TryGetValue(dialogue.Id, out var representative)
                ? (dialogue, [DuplicateReport.DropReason(representative)])
                : (dialogue, reasons);
        }
    }

    /// <summary>Why <paramref name="dialogue"/> is dropped, one reason per unmet criterion; empty when it is kept.</summary>
    public IReadOnlyList<string> Reasons(Dialogue dialogue)
    {
        var m = dialogue.Metadata;
        var reasons = new List<string>();
        if (PassedOnly && m.Verdict is not { Passed: true }) reasons.Add("verification did not pass");
        if (m.Counts.Turns < Turns.Min || m.Counts.Turns > Turns.Max) reasons.Add($"{m.Counts.Turns} turns, outside {Turns.Min}–{Turns.Max}");
        if (m.Counts.ToolCalls < ToolCalls.Min || m.Counts.ToolCalls > ToolCalls.Max) reasons.Add($"{m.Counts.ToolCalls} tool calls, outside {ToolCalls.Min}–{ToolCalls.Max}");
        if (Domains.Count > 0 && !Domains.Contains(m.Domain)) reasons.Add($"domain {m.Domain} not selected");
        if (Terminations.Count > 0 && !Terminations.Contains(m.Termination)) reasons.Add($"termination {m.Termination} not selected");
        foreach (var (name, min) in MinJudgeScores)
        {
            var score = m.Verdict?.Judge?.Scores.GetValueOrDefault(name);
            if (score is null or 0) reasons.Add($"no judge score {name}");
            else if (score < min) reasons.Add($"judge score {name} {score}, below {min}");
        }
        return reasons;
    }
}
