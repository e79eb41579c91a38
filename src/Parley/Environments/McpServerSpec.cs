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

    /// <summary>The read tool (no arguments) called after each task and dialogue to compare state with the plan's; null when the server has none.</summary>
    public string? Probe { get; init; }

    /// <summary>Outputs of the server's argument-free reads and empty searches, taken when the environment was designed.</summary>
    public IReadOnlyList<McpSample> Samples { get => field ?? []; init; }

    /// <summary>How dialogues are verified: <c>calls+state_probe</c> when there is a probe, <c>calls</c> otherwise (plus the judge when one is configured).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Verification => Probe is null ? "calls" : "calls+state_probe";

    /// <summary>The server as the user named it.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Source => Command ?? Url ?? "";
}
