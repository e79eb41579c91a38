namespace Parley.Environments;

/// <summary>
/// Where an MCP-backed environment's tools run: a server started with <see cref="Command"/> (stdio) or reached at
/// <see cref="Url"/> (streamable HTTP), how each dialogue gets a state of its own, and what the planner sampled from it.
/// </summary>
public sealed record McpServerSpec
{
    /// <summary>The stdio command line; <c>NAME=value</c> words before the program set its environment, and <c>{scratch}</c> becomes a fresh empty folder per connection, deleted after it.</summary>
    public string? Command { get; init; }

    /// <summary>The streamable HTTP endpoint.</summary>
    public string? Url { get; init; }

    /// <summary>How each dialogue starts from a clean server: <c>fresh_process</c>, <c>fresh_session</c> or <c>reset_tool</c> (see <see cref="McpIsolation"/>).</summary>
    public required string Isolation { get; init; }

    /// <summary>The read tool called after each task and dialogue to compare state with the plan's; null when the server has none.</summary>
    public string? Probe { get; init; }

    /// <summary>The probe's arguments as JSON text (e.g. <c>{"path":"."}</c> for a directory tree); null for none.</summary>
    public string? ProbeArguments { get; init; }

    /// <summary>
    /// The read tool the probe calls on every file its answer lists (a file-reading tool taking one path), so the state
    /// compared includes what was written, not only names; null when the probe's answer is the whole state.
    /// </summary>
    public string? ProbeRead { get; init; }

    /// <summary>The files and folders written into each connection's <c>{scratch}</c> folder before the server starts; empty for none.</summary>
    public IReadOnlyList<McpScratchFile> ScratchFiles { get => field ?? []; init; }

    /// <summary>
    /// Read tools never planned because their output is volatile: the same call on two fresh servers answered differently
    /// (timestamps, sizes on disk, process ids), so no recorded result or state could be compared.
    /// </summary>
    public IReadOnlyList<string> Volatile { get => field ?? []; init; }

    /// <summary>
    /// Read tools never planned because they answer with binary content (an image, audio, a base64 blob): nothing a
    /// text dialogue can use, and noise to a model trained on it.
    /// </summary>
    public IReadOnlyList<string> Binary { get => field ?? []; init; }

    /// <summary>Whether the planners may plan <paramref name="tool"/>: neither volatile nor binary.</summary>
    public bool Plans(string tool) => !Volatile.Contains(tool) && !Binary.Contains(tool);

    /// <summary>Outputs of the server's argument-free reads and empty searches, taken when the environment was designed.</summary>
    public IReadOnlyList<McpSample> Samples { get => field ?? []; init; }

    /// <summary>
    /// How dialogues are verified: <c>calls+state_probe+read_back</c> when the probe also reads every file back,
    /// <c>calls+state_probe</c> when there is a probe, <c>calls</c> otherwise (plus the judge when one is configured).
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Verification => Probe is null ? "calls" : ProbeRead is null ? "calls+state_probe" : "calls+state_probe+read_back";

    /// <summary>What each connection's scratch folder starts with, in words; null when Parley writes nothing into it.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? ScratchDescription => ScratchFiles.Count == 0 ? null
        : $"fresh scratch folder per dialogue: {ScratchFiles.Count(f => f.Content is not null)} files, {ScratchFiles.Count(f => f.Content is null)} folders written by Parley, deleted after";

    /// <summary>The server as the user named it.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Source => Command ?? Url ?? "";
}
