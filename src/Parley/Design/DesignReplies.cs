using System.Text.Json;
using System.Text.Json.Serialization;
using Parley.Environments;
using Parley.Tools;

namespace Parley.Design;

// The JSON replies of the designer's stages. Lenient on unknown keys (a model's extra remarks are harmless);
// missing required keys fail parsing and are sent back for repair.

/// <summary>Stage (a): what the domain is and what its users ask for.</summary>
internal sealed record QuestionsReply
{
    /// <summary>How many questions are asked for and accepted: the prompt and the schema both read these.</summary>
    public const int AskedFrom = 20, AskedTo = 30;

    /// <summary>The reply's one definition: sent (strict) and validated against.</summary>
    public static Llm.ReplySchema Schema { get; } = new("design_questions", $$"""
        {
          "type": "object", "additionalProperties": false,
          "required": ["description", "questions"],
          "properties": {
            "description": {"type": "string", "pattern": "\\S"},
            "questions": {"type": "array", "minItems": {{AskedFrom}}, "maxItems": {{AskedTo}}, "items": {"type": "string", "pattern": "\\S"} }
          }
        }
        """);

    public required string Description { get; init; }
    public required IReadOnlyList<string> Questions { get; init; }
}

/// <summary>Stage (b): the schema and its rows (or rules that generate them).</summary>
internal sealed record SchemaReply
{
    public required string Schema { get; init; }
    public string? Today { get; init; }
    public IReadOnlyDictionary<string, TableData>? Data { get; init; }
    public SeedSpec? Seed { get; init; }
}

/// <summary>Stage (b) for a schema brought without rows: the rows only.</summary>
internal sealed record RowsReply
{
    public required IReadOnlyDictionary<string, TableData> Data { get; init; }
}

/// <summary>Stages (c) and (d): tools in the OpenAI function format, and for (d) the gap analysis behind them.</summary>
internal sealed record ToolsReply
{
    public string? Analysis { get; init; }
    public required IReadOnlyList<ToolSketch> Tools { get; init; }
}

/// <summary>A tool as the agent sees it.</summary>
internal sealed record ToolSketch
{
    public required string Name { get; init; }
    public required string Description { get; init; }
    public required JsonElement Parameters { get; init; }
}

/// <summary>Stage (e): every tool with its SQL and result schema.</summary>
internal sealed record ImplementationReply
{
    public required IReadOnlyList<DesignedTool> Tools { get; init; }
}

/// <summary>A tool as designed: its declaration plus arguments for the self-test, drawn from the rows.</summary>
internal sealed record DesignedTool
{
    public required string Name { get; init; }
    public required string Description { get; init; }
    public required JsonElement Parameters { get; init; }
    public ToolAccess Access { get; init; } = ToolAccess.Read;
    public ToolReturns Returns { get; init; } = ToolReturns.Many;
    public IReadOnlyList<Precondition> Preconditions { get => field ?? []; init; }
    public required IReadOnlyList<string> Sql { get; init; }
    public JsonElement? ResultSchema { get; init; }
    public JsonElement? ExampleArguments { get; init; }
    public ToolReport? Report { get; init; }

    /// <summary>A declared tool as the model is shown it (a draft's).</summary>
    public static DesignedTool From(ToolSpec tool) => new()
    {
        Name = tool.Name,
        Description = tool.Description,
        Parameters = tool.Parameters,
        Access = tool.Access,
        Returns = tool.Returns,
        Preconditions = tool.Preconditions,
        Sql = tool.Sql,
        ResultSchema = tool.ResultSchema,
        Report = tool.Report,
    };

    public ToolSpec ToSpec() => new()
    {
        Name = Name,
        Description = Description,
        Parameters = Parameters,
        Access = Access,
        Returns = Returns,
        Preconditions = Preconditions,
        Sql = Sql,
        ResultSchema = ResultSchema,
        Report = Report,
    };
}

/// <summary>Stage (f): who the user is, the agent's policy, and scenarios for the rule-based planner.</summary>
internal sealed record UsageReply
{
    public PrincipalSpec? Principal { get; init; }
    public string? Policy { get; init; }
    public IReadOnlyList<ScenarioSpec> Scenarios { get => field ?? []; init; }
}

/// <summary>A repair: only what changes. Tools replace the tool of the same name (or are added).</summary>
internal sealed record RepairReply
{
    public string? Schema { get; init; }
    public IReadOnlyDictionary<string, TableData>? Data { get; init; }
    public IReadOnlyList<DesignedTool> Tools { get => field ?? []; init; }
    public IReadOnlyList<string> RemoveTools { get => field ?? []; init; }
    public PrincipalSpec? Principal { get; init; }
    public string? Policy { get; init; }
    public IReadOnlyList<ScenarioSpec>? Scenarios { get; init; }
}

/// <summary>Brainstormed domains.</summary>
internal sealed record BrainstormReply
{
    /// <summary>The reply's one definition: sent (strict) and validated against. Names hold a letter or digit (they are normalised to snake_case).</summary>
    public static Llm.ReplySchema Schema { get; } = new("design_brainstorm", """
        {
          "type": "object", "additionalProperties": false,
          "required": ["domains"],
          "properties": {
            "domains": {"type": "array", "minItems": 1, "items": {
              "type": "object", "additionalProperties": false, "required": ["name", "description"],
              "properties": {"name": {"type": "string", "pattern": "[A-Za-z0-9]"}, "description": {"type": "string", "pattern": "\\S"}}}}
          }
        }
        """);

    public required IReadOnlyList<DomainIdea> Domains { get; init; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowTrailingCommas = true,
    ReadCommentHandling = JsonCommentHandling.Skip,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(QuestionsReply))]
[JsonSerializable(typeof(SchemaReply))]
[JsonSerializable(typeof(RowsReply))]
[JsonSerializable(typeof(ToolsReply))]
[JsonSerializable(typeof(ImplementationReply))]
[JsonSerializable(typeof(UsageReply))]
[JsonSerializable(typeof(RepairReply))]
[JsonSerializable(typeof(BrainstormReply))]
[JsonSerializable(typeof(IReadOnlyList<Dialogues.FunctionDefinition>))]
[JsonSerializable(typeof(Dictionary<string, TableData>))]
internal sealed partial class DesignJsonContext : JsonSerializerContext
{
    /// <summary>This context with minimal escaping, for what the model is shown (SQL keeps its quotes readable).</summary>
    public static DesignJsonContext Relaxed => RelaxedInstance.Value;

    private static class RelaxedInstance
    {
        internal static readonly DesignJsonContext Value = new(Serialization.RelaxedJson.With(Default.Options));
    }
}
