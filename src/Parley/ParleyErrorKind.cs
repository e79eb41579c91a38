namespace Parley;

/// <summary>
/// What kind of failure a <see cref="ParleyException"/> reports; each value is the documented exit code of the
/// <c>parley</c> command for it, so the CLI maps an exception to its code without reading its text.
/// </summary>
public enum ParleyErrorKind
{
    /// <summary>Bad command-line usage or an option value that cannot be used (exit code 2).</summary>
    Usage = 2,
    /// <summary>An input file, configuration or environment is invalid (exit code 3).</summary>
    InvalidInput = 3,
    /// <summary>A file, folder or dialogue that should exist does not (exit code 4).</summary>
    NotFound = 4,
    /// <summary>The run folder is in use by another run, or holds files that are not this run's (exit code 6).</summary>
    RunFolderConflict = 6,
    /// <summary>A file could not be read or written: disk full, no permission, a path that is a file (exit code 7).</summary>
    Io = 7,
    /// <summary>An MCP server given as the environment (<c>--from-mcp</c>) did not start or did not complete the handshake (exit code 8).</summary>
    ToolServerUnavailable = 8,
    /// <summary>
    /// A model endpoint failed in a way no retry fixes (401/403, 404 or an unknown model, nothing listening, no reply in
    /// time); the run stopped with what it had and resumes with <c>--resume</c> once fixed (exit code 69, sysexits' EX_UNAVAILABLE).
    /// </summary>
    EndpointUnavailable = 69,
}
