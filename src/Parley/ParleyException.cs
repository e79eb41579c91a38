namespace Parley;

/// <summary>
/// A configuration or input error the user can fix: a malformed file, an invalid environment, a bad option, a run
/// folder in use. Tool failures are never exceptions; they are <see cref="Tools.ToolResult"/> data.
/// </summary>
/// <remarks>Each factory names one failure and fixes its <see cref="Kind"/>, which is the CLI's exit code for it.</remarks>
public sealed class ParleyException : Exception
{
    private ParleyException(ParleyErrorKind kind, string code, string message, Exception? inner = null) : base(message, inner)
    {
        Kind = kind;
        Code = code;
    }

    /// <summary>The kind of failure; its value is the <c>parley</c> exit code.</summary>
    public ParleyErrorKind Kind { get; }

    /// <summary>A stable, machine-readable error code.</summary>
    public string Code { get; }

    /// <summary>A file could not be read or parsed.</summary>
    public static ParleyException InvalidFile(string path, string problem) => new(ParleyErrorKind.InvalidInput, "invalid_file", $"{path}: {problem}");

    /// <summary>A configuration file has a bad value at <paramref name="line"/>: <c>parley.yaml:12: roles.agent.temperature: expected a number</c>.</summary>
    public static ParleyException InvalidConfig(string path, int line, string key, string problem) =>
        new(ParleyErrorKind.InvalidInput, "invalid_config", $"{path}:{line}: {key}: {problem}");

    /// <summary>A file or folder that should exist does not.</summary>
    public static ParleyException NotFound(string path, string what) => new(ParleyErrorKind.NotFound, "not_found", $"{path}: {what}");

    /// <summary>An environment declaration is inconsistent.</summary>
    public static ParleyException InvalidEnvironment(string problem) => new(ParleyErrorKind.InvalidInput, "invalid_environment", $"invalid environment: {problem}");

    /// <summary>A domain name is not in the catalog.</summary>
    public static ParleyException UnknownDomain(string name, IEnumerable<string> known) =>
        new(ParleyErrorKind.Usage, "unknown_domain", $"unknown domain '{name}'; known domains: {string.Join(", ", known)}");

    /// <summary>An option has a value that cannot be used.</summary>
    public static ParleyException InvalidOption(string option, string problem) => new(ParleyErrorKind.Usage, "invalid_option", $"{option}: {problem}");

    /// <summary>Options that cannot be used together or have bad values; each problem names its option.</summary>
    public static ParleyException InvalidOptions(IEnumerable<string> problems) => new(ParleyErrorKind.Usage, "invalid_option", string.Join("; ", problems));

    /// <summary>
    /// A model endpoint fails in a way no retry fixes (wrong key, wrong path or model, nothing listening, no reply in
    /// time): the run stops, resumable, instead of rejecting every dialogue. The message names the endpoint and the cause, never a key.
    /// </summary>
    public static ParleyException EndpointUnavailable(string endpoint, string cause) => new(ParleyErrorKind.EndpointUnavailable, "endpoint_unavailable", $"model endpoint {endpoint}: {cause}");

    /// <summary>This error with a note on how to continue the run it stopped in <paramref name="folder"/>.</summary>
    public ParleyException WithResumeHint(string folder) =>
        new(Kind, Code, $"{Message}; the run stopped and continues with `parley generate --resume {folder}` once this is fixed");

    /// <summary>No feasible task could be planned.</summary>
    public static ParleyException NoFeasibleTask(string environment, string detail) =>
        new(ParleyErrorKind.InvalidInput, "no_feasible_task", $"no feasible task in environment '{environment}': {detail}");

    /// <summary>Another run holds the run folder's lock.</summary>
    public static ParleyException RunFolderInUse(string folder) =>
        new(ParleyErrorKind.RunFolderConflict, "run_folder_in_use", $"{folder}: another parley run is writing to this folder; wait for it to end, or choose another --out");

    /// <summary>A run folder holds files this run may not replace (a foreign folder, or an earlier run without --force).</summary>
    public static ParleyException RunFolderNotEmpty(string folder, string problem) =>
        new(ParleyErrorKind.RunFolderConflict, "run_folder_not_empty", $"{folder}: {problem}");

    /// <summary>
    /// A run file's lines are not the ones its ledger recorded (edited, duplicated, swapped, missing or extra):
    /// <c>run/dialogues.jsonl: line 12: ...</c>.
    /// </summary>
    public static ParleyException TamperedLine(string path, long line, string problem) =>
        new(ParleyErrorKind.InvalidInput, "tampered_line", $"{path}: line {line}: {problem}");

    /// <summary>A file or folder could not be read or written (disk full, no permission).</summary>
    public static ParleyException Io(string path, string problem, Exception? inner = null) => new(ParleyErrorKind.Io, "io", $"{path}: {problem}", inner);


    /// <summary>An MCP server could not be started or reached, or did not complete the MCP handshake.</summary>
    public static ParleyException McpServerUnavailable(string server, string reason) =>
        new(ParleyErrorKind.ToolServerUnavailable, "mcp_unavailable", $"MCP server '{server}' is not available: {reason}");
}
