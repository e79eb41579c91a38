namespace Parley.Runs;

/// <summary>
/// One finished item of a run's ledger: its state, the checks it failed, where each run file ended after it, the
/// content hashes of its lines (null in ledgers written before Parley recorded them) and its model usage
/// (<see cref="RoleUsageText"/>).
/// </summary>
internal sealed record LedgerEntry(long Position, string State, string Checks, FileOffsets End, LineHashes? Hashes = null, string Usage = "")
{
    /// <summary>The failed checks as a list.</summary>
    public IEnumerable<string> FailedChecks => Checks.Split(',', StringSplitOptions.RemoveEmptyEntries);
}
