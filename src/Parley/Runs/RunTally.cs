using Parley.Dialogues;

namespace Parley.Runs;

/// <summary>The running counts of a run's written items, rebuilt from the ledger when a run resumes.</summary>
internal sealed class RunTally
{
    public long Done { get; private set; }
    public long Kept { get; private set; }
    public long Rejected { get; private set; }
    public long Paused { get; private set; }
    public SortedDictionary<string, int> ByCheck { get; } = new(StringComparer.Ordinal);
    public TokenUsage? Usage { get; private set; }
    public SortedDictionary<string, TokenUsage> UsageByRole { get; } = new(StringComparer.Ordinal);

    /// <summary>Counts a finished item by its ledger state, failed checks and model usage.</summary>
    public void Add(string state, IEnumerable<string> checks, IReadOnlyDictionary<string, TokenUsage>? usage = null)
    {
        Done++;
        switch (state)
        {
            case LedgerStates.Kept: Kept++; break;
            case LedgerStates.Paused: Paused++; break;
            default:
                Rejected++;
                foreach (var check in checks) ByCheck[check] = ByCheck.GetValueOrDefault(check) + 1;
                break;
        }
        if (usage is { Count: > 0 })
        {
            Usage = usage.Values.Aggregate(Usage ?? TokenUsage.None, (a, b) => a + b);
            RoleUsageText.AddTo(UsageByRole, usage);
        }
    }
}
