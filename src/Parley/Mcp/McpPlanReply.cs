using System.Text.Json.Serialization;

namespace Parley.Mcp;

// The MCP planner model's reply, as asked for in mcp-task-planner.md; every field is required (a strict schema).

/// <summary>The planned tasks.</summary>
internal sealed record McpPlanReply
{
    public required IReadOnlyList<McpPlannedTask> Tasks { get; init; }
}

/// <summary>One task: its goal, difficulty and steps.</summary>
internal sealed record McpPlannedTask
{
    public required string Goal { get; init; }

    public required string Difficulty { get; init; }

    public required IReadOnlyList<McpPlannedStep> Steps { get; init; }
}

/// <summary>One step: what the user says, and the one call serving it (arguments as JSON text, so the schema can be strict).</summary>
internal sealed record McpPlannedStep
{
    public required string Request { get; init; }

    public required string Tool { get; init; }

    public required string Arguments { get; init; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(McpPlanReply))]
internal sealed partial class McpPlanJsonContext : JsonSerializerContext;
