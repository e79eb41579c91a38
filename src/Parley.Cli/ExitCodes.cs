namespace Parley.Cli;

/// <summary>The process exit codes of the <c>parley</c> command.</summary>
public static class ExitCodes
{
    /// <summary>Success (rejected dialogues are data in rejected.jsonl, not a failure).</summary>
    public const int Ok = 0;
    /// <summary>Bad command-line usage or option values.</summary>
    public const int Usage = 2;
    /// <summary>An input file or configuration is invalid.</summary>
    public const int InvalidInput = 3;
    /// <summary>Something was not found (a dialogue id, a run folder).</summary>
    public const int NotFound = 4;
    /// <summary><c>parley validate</c> found dialogues that fail a check.</summary>
    public const int ValidationFailed = 5;

    /// <summary>
    /// A model endpoint failed in a way no retry fixes (401/403, 404 or an unknown model, nothing listening, no reply in
    /// time); a run stopped by it is resumable with <c>--resume</c> once fixed. (sysexits' EX_UNAVAILABLE.)
    /// </summary>
    public const int EndpointUnavailable = 69;

    /// <summary>Cancelled by the user.</summary>
    public const int Cancelled = 130;
}
