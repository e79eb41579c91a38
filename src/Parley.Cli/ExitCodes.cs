namespace Parley.Cli;

/// <summary>The process exit codes of the <c>parley</c> command (each documented in README's exit-code table).</summary>
public static class ExitCodes
{
    /// <summary>Success (rejected dialogues are data in rejected.jsonl, not a failure).</summary>
    public const int Ok = 0;
    /// <summary>Bad command-line usage or option values.</summary>
    public const int Usage = (int)ParleyErrorKind.Usage;
    /// <summary>An input file or configuration is invalid.</summary>
    public const int InvalidInput = (int)ParleyErrorKind.InvalidInput;
    /// <summary>Something was not found (a dialogue id, a run folder).</summary>
    public const int NotFound = (int)ParleyErrorKind.NotFound;
    /// <summary><c>parley validate</c> found dialogues that fail a check.</summary>
    public const int ValidationFailed = 5;
    /// <summary>The run folder is in use by another run, or holds files this run may not replace.</summary>
    public const int RunFolderConflict = (int)ParleyErrorKind.RunFolderConflict;
    /// <summary>A file could not be read or written (disk full, no permission).</summary>
    public const int Io = (int)ParleyErrorKind.Io;
    /// <summary>An unexpected error: a bug in Parley (rerun with --verbose for the stack trace and report it).</summary>
    public const int InternalError = 70;
    /// <summary>An MCP server (<c>--from-mcp</c>) did not start, or did not answer the MCP handshake.</summary>
    public const int ToolServerUnavailable = (int)ParleyErrorKind.ToolServerUnavailable;

    /// <summary>
    /// A model endpoint failed in a way no retry fixes (401/403, 404 or an unknown model, nothing listening, no reply in
    /// time); a run stopped by it is resumable with <c>--resume</c> once fixed. (sysexits' EX_UNAVAILABLE.)
    /// </summary>
    public const int EndpointUnavailable = (int)ParleyErrorKind.EndpointUnavailable;

    /// <summary>Cancelled by the user.</summary>
    public const int Cancelled = 130;
}
