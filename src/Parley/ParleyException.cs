namespace Parley;

/// <summary>
/// A configuration or input error the user can fix: a malformed file, an invalid environment, a bad option.
/// Tool failures are never exceptions; they are <see cref="Tools.ToolResult"/> data.
/// </summary>
public sealed class ParleyException : Exception
{
    private ParleyException(string code, string message) : base(message) => Code = code;

    /// <summary>A stable, machine-readable error code.</summary>
    public string Code { get; }

    /// <summary>A file could not be read or parsed.</summary>
    public static ParleyException InvalidFile(string path, string problem) => new("invalid_file", $"{path}: {problem}");

    /// <summary>A configuration file has a bad value at <paramref name="line"/>: <c>parley.yaml:12: roles.agent.temperature: expected a number</c>.</summary>
    public static ParleyException InvalidConfig(string path, int line, string key, string problem) =>
        new("invalid_config", $"{path}:{line}: {key}: {problem}");

    /// <summary>A file or folder that should exist does not.</summary>
    public static ParleyException NotFound(string path, string what) => new("not_found", $"{path}: {what}");

    /// <summary>An environment declaration is inconsistent.</summary>
    public static ParleyException InvalidEnvironment(string problem) => new("invalid_environment", $"invalid environment: {problem}");

    /// <summary>A domain name is not in the catalog.</summary>
    public static ParleyException UnknownDomain(string name, IEnumerable<string> known) =>
        new("unknown_domain", $"unknown domain '{name}'; known domains: {string.Join(", ", known)}");

    /// <summary>An option has a value that cannot be used.</summary>
    public static ParleyException InvalidOption(string option, string problem) => new("invalid_option", $"{option}: {problem}");

    /// <summary>
    /// A model endpoint fails in a way no retry fixes (wrong key, wrong path or model, nothing listening, no reply in
    /// time): the run stops, resumable, instead of rejecting every dialogue. The message names the endpoint and the cause, never a key.
    /// </summary>
    public static ParleyException EndpointUnavailable(string endpoint, string cause) => new("endpoint_unavailable", $"model endpoint {endpoint}: {cause}");

    /// <summary>This error with a note on how to continue the run it stopped in <paramref name="folder"/>.</summary>
    public ParleyException WithResumeHint(string folder) =>
        new(Code, $"{Message}; the run stopped and continues with `parley generate --resume {folder}` once this is fixed");

    /// <summary>No feasible task could be planned.</summary>
    public static ParleyException NoFeasibleTask(string environment, string detail) =>
        new("no_feasible_task", $"no feasible task in environment '{environment}': {detail}");
}
