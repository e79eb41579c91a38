using System.Text.Json.Serialization;
using Parley.Statistics;

namespace Parley.Reporting;

/// <summary>Everything the HTML report shows, embedded in it as JSON; the template's script draws the page from it.</summary>
internal sealed record ReportData(
    string Title,
    string GeneratedBy,
    IReadOnlyList<ReportRun> Runs,
    IReadOnlyList<string> Modes,
    IReadOnlyList<GroupStatistics> Groups,
    IReadOnlyList<Distribution> Distributions,
    int DialoguesTotal,
    IReadOnlyList<string> SystemPrompts,
    IReadOnlyList<ReportDialogue> Dialogues);

/// <summary>One run folder of the report.</summary>
internal sealed record ReportRun(string Folder, string? ParleyVersion, ulong? Seed, IReadOnlyDictionary<string, string>? Engines, int Kept, int Rejected, IReadOnlyList<string> Modes);

/// <summary>A dialogue in the report's browser; <see cref="System"/> indexes <see cref="ReportData.SystemPrompts"/> (shared by many dialogues).</summary>
internal sealed record ReportDialogue(
    string Id,
    int Run,
    string Mode,
    string Domain,
    string Verdict,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<string> ToolsUsed,
    int Turns,
    int ToolCalls,
    int Tasks,
    string Termination,
    string? Persona,
    int System,
    IReadOnlyList<ReportMessage> Messages);

/// <summary>A message of a <see cref="ReportDialogue"/> (the system prompt excluded).</summary>
internal sealed record ReportMessage(
    string Role,
    string? Content,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reasoning,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ReportToolCall>? ToolCalls,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ToolCallId);

/// <summary>A tool call of a <see cref="ReportMessage"/>.</summary>
internal sealed record ReportToolCall(string Id, string Name, string Arguments);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ReportData))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;
