using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Parley.Environments;
using Parley.Tools;

namespace Parley.Design;

// The JSON replies of the designer's stages, in the shapes of their strict schemas (DesignSchemas): every reply is
// validated against its schema before it is read, and problems are sent back for repair.

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

/// <summary>Stage (b): the schema, the date and the rows (<see cref="DesignSchemas.Schema"/>).</summary>
internal sealed record SchemaReply
{
    public required string Today { get; init; }
    public required string Schema { get; init; }
    public required IReadOnlyList<TableReply> Data { get; init; }
}

/// <summary>Stage (b) for a schema brought without rows: the rows only (<see cref="DesignSchemas.Rows"/>).</summary>
internal sealed record RowsReply
{
    public required IReadOnlyList<TableReply> Data { get; init; }
}

/// <summary>Stages (c) and (d): tools as the agent will see them, and for (d) the gap analysis behind them.</summary>
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
    public required IReadOnlyList<ParameterReply> Parameters { get; init; }
}

/// <summary>Stage (e): every tool with its SQL and result columns (<see cref="DesignSchemas.Implementation"/>).</summary>
internal sealed record ImplementationReply
{
    public required IReadOnlyList<DesignedTool> Tools { get; init; }
}

/// <summary>A business rule checked before a tool's statements; <c>error</c> is <c>no_rows</c> for a missing record, else null.</summary>
internal sealed record PreconditionReply(string Sql, string Message, string? Error);

/// <summary>A column of a tool's successful result.</summary>
internal sealed record ColumnReply(string Name, string Type);

/// <summary>A tool as designed: its declaration plus arguments for the self-test, drawn from the rows.</summary>
internal sealed record DesignedTool
{
    public required string Name { get; init; }
    public required string Description { get; init; }
    public required IReadOnlyList<ParameterReply> Parameters { get; init; }
    public ToolAccess Access { get; init; } = ToolAccess.Read;
    public ToolReturns Returns { get; init; } = ToolReturns.Many;
    public IReadOnlyList<PreconditionReply> Preconditions { get => field ?? []; init; }
    public required IReadOnlyList<string> Sql { get; init; }
    public IReadOnlyList<ColumnReply> ResultColumns { get => field ?? []; init; }
    public IReadOnlyList<NamedValue> ExampleArguments { get => field ?? []; init; }

    /// <summary>The arguments the self-test calls the tool with; null when none are given (the self-test draws them from the rows).</summary>
    public JsonElement? Example => ExampleArguments.Count == 0 ? null : NamedValue.ToObject(ExampleArguments);

    /// <summary>A declared tool in the reply's shape, to show the model (a draft's).</summary>
    public static DesignedTool From(ToolSpec tool) => new()
    {
        Name = tool.Name,
        Description = tool.Description,
        Parameters = ParameterReply.From(tool.Parameters),
        Access = tool.Access,
        Returns = tool.Returns,
        Preconditions = [.. tool.Preconditions.Select(p => new PreconditionReply(p.Sql, p.Message, p.Error is { } kind ? Dialogues.ToolErrorKinds.Name(kind) : null))],
        Sql = tool.Sql,
        ResultColumns = tool.ResultSchema is { } result ? Columns(result) : [],
    };

    /// <summary>The tool as an environment declares it.</summary>
    public ToolSpec ToSpec() => new()
    {
        Name = Name,
        Description = Description,
        Parameters = ParameterReply.ToSchema(Parameters),
        Access = Access,
        Returns = Returns,
        Preconditions = [.. Preconditions.Select(p => new Precondition { Sql = p.Sql, Message = p.Message, Error = p.Error is null ? null : Dialogues.ToolErrorKinds.Parse(p.Error) })],
        Sql = Sql,
        ResultSchema = ResultSchema(),
    };

    // An array of row objects for "many", one row object for "one"; a status-only tool, or one without columns, has none.
    private JsonElement? ResultSchema()
    {
        if (Returns == ToolReturns.None || ResultColumns.Count == 0) return null;
        var row = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject(ResultColumns.Select(c => KeyValuePair.Create(c.Name, (JsonNode?)new JsonObject { ["type"] = c.Type }))),
        };
        var schema = Returns == ToolReturns.Many ? new JsonObject { ["type"] = "array", ["items"] = row } : row;
        return JsonElement.Parse(schema.ToJsonString());
    }

    private static IReadOnlyList<ColumnReply> Columns(JsonElement result)
    {
        var row = TypeConsistency.TypeOf(result) == "array" && result.TryGetProperty("items", out var items) ? items : result;
        return [.. SampleArguments.Properties(row).Select(p => new ColumnReply(p.Name, TypeConsistency.TypeOf(p.Schema) is { } type && DesignSchemas.ValueTypes.Contains(type) ? type : "string"))];
    }
}

/// <summary>Stage (f): who the user is, the agent's policy, and scenarios for the rule-based planner (<see cref="DesignSchemas.Usage"/>).</summary>
internal sealed record UsageReply
{
    public PrincipalSpec? Principal { get; init; }
    public string? Policy { get; init; }
    public IReadOnlyList<ScenarioReply> Scenarios { get => field ?? []; init; }
}

/// <summary>A repair: only what changes, null for what stays. Tools replace the tool of the same name (or are added).</summary>
internal sealed record RepairReply
{
    public string? Schema { get; init; }
    public IReadOnlyList<TableReply>? Data { get; init; }
    public IReadOnlyList<DesignedTool> Tools { get => field ?? []; init; }
    public IReadOnlyList<string> RemoveTools { get => field ?? []; init; }
    public PrincipalSpec? Principal { get; init; }
    public string? Policy { get; init; }
    public IReadOnlyList<ScenarioReply>? Scenarios { get; init; }
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
// Row values are boxed: their runtime types.
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(byte[]))]
internal sealed partial class DesignJsonContext : JsonSerializerContext
{
    /// <summary>This context with minimal escaping, for what the model is shown (SQL keeps its quotes readable).</summary>
    public static DesignJsonContext Relaxed => RelaxedInstance.Value;

    private static class RelaxedInstance
    {
        internal static readonly DesignJsonContext Value = new(Serialization.RelaxedJson.With(Default.Options));
    }
}
