namespace Parley.Dialogues;

/// <summary>How a dialogue over an MCP server ran and was verified (in its metadata; absent for SQL environments).</summary>
public sealed record McpRunInfo
{
    /// <summary>The server: its stdio command line or its URL.</summary>
    public required string Server { get; init; }

    /// <summary>How the dialogue got a clean server: <c>fresh_process</c>, <c>fresh_session</c> or <c>reset_tool</c>.</summary>
    public required string Isolation { get; init; }

    /// <summary><c>calls+state_probe+read_back</c> (as the next, the probe also reading every file back), <c>calls+state_probe</c> (recorded calls, and the probe's answer after the dialogue equal to the plan's) or <c>calls</c>; a configured judge adds its own check.</summary>
    public required string Verification { get; init; }

    /// <summary>What the server found in its folder, when it was started in a scratch folder Parley seeded (e.g. <c>fresh scratch folder per dialogue: 6 files, 4 folders written by Parley, deleted after</c>).</summary>
    public string? Scratch { get; init; }

    /// <summary>The read tool called after the dialogue to compare state, when the server has one.</summary>
    public string? Probe { get; init; }

    /// <summary>The hash of the probe's answer after the dialogue.</summary>
    public string? ProbeState { get; init; }
}
