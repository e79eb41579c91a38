namespace Parley.Runs;

/// <summary>The states of a ledger item.</summary>
internal static class LedgerStates
{
    public const string InFlight = "in_flight", Kept = "kept", Rejected = "rejected", Paused = "paused";

    /// <summary>The state of an outcome.</summary>
    public static string Of(DialogueOutcome outcome) => outcome.Paused is not null ? Paused : outcome.Kept ? Kept : Rejected;
}
