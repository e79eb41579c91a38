using Parley.Export;

namespace Parley.Generation;

/// <summary>One finished item of a run's ledger: its state, the checks it failed, and where each run file ended after it.</summary>
internal sealed record LedgerEntry(long Position, string State, string Checks, FileOffsets End)
{
    /// <summary>The failed checks as a list.</summary>
    public IEnumerable<string> FailedChecks => Checks.Split(',', StringSplitOptions.RemoveEmptyEntries);
}
