using System.Text.Json.Nodes;
using Parley.Llm;
using Parley.Tools;
using static Parley.Llm.SchemaNodes;

namespace Parley.Design;

/// <summary>
/// The designer's reply schemas, one per stage: each is sent (strict) and every reply is validated against it before it
/// is read. A strict schema allows no free-form object, so what the environment keeps as a map (rows by table, a tool's
/// parameters, arguments, a scenario's choices) is asked for as a list of named entries and turned back into the map by
/// the reply types (<see cref="TableReply"/>, <see cref="ParameterReply"/>, <see cref="NamedValue"/>). The numbers the
/// prompts state are these constants, rendered into them.
/// </summary>
internal static class DesignSchemas
{
    /// <summary>Tables in a designed schema, as the schema stage asks.</summary>
    public const int TablesFrom = 4, TablesTo = 8;

    /// <summary>The most rows per table a stage may give.</summary>
    public const int RowsTo = 25;

    /// <summary>Tools the tool stage proposes from nothing, and at most over a draft.</summary>
    public const int ToolsFrom = 3, ToolsTo = 12, DraftToolsTo = 8;

    /// <summary>At most this many complementary tools from the gap analysis.</summary>
    public const int ExpansionTo = 5;

    /// <summary>Scenarios of the usage stage.</summary>
    public const int ScenariosFrom = 3, ScenariosTo = 6;

    /// <summary>Phrasings per scenario request.</summary>
    public const int SayFrom = 2, SayTo = 3;

    /// <summary>The environment's date.</summary>
    public const string DatePattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";

    /// <summary>A parameter, column, table or fact name: an SQL identifier (a column's name may keep its capitals).</summary>
    public const string IdentifierPattern = "^[A-Za-z_][A-Za-z0-9_]*$";

    /// <summary>A scenario's id.</summary>
    public const string SnakeCasePattern = "^[a-z][a-z0-9_]*$";

    /// <summary>Parameter and result column types.</summary>
    public static IReadOnlyList<string> ValueTypes { get; } = ["string", "integer", "number", "boolean"];

    /// <summary>Difficulties of a scenario.</summary>
    public static IReadOnlyList<string> Difficulties { get; } = Tasks.TaskPlanSchema.Difficulties;

    /// <summary>Stage (b): the schema, the date and the rows.</summary>
    public static ReplySchema Schema { get; } = new("design_schema", Object(
        ("today", Matching(DatePattern)),
        ("schema", NonBlank()),
        ("data", Array(Table(), TablesFrom, TablesTo))).ToJsonString());

    /// <summary>Stage (b) over a schema brought without rows: the rows.</summary>
    public static ReplySchema Rows { get; } = new("design_rows", Object(("data", Array(Table(), 1))).ToJsonString());

    /// <summary>Stage (c) from nothing.</summary>
    public static ReplySchema Tools { get; } = ToolsFor(ToolsFrom, ToolsTo);

    /// <summary>Stage (c) over a rule-based draft: additions only, possibly none.</summary>
    public static ReplySchema DraftTools { get; } = ToolsFor(0, DraftToolsTo, "design_draft_tools");

    /// <summary>Stage (d): the analysis, then the complementary tools (possibly none).</summary>
    public static ReplySchema Expansion { get; } = new("design_expand", Object(("analysis", NonBlank()), ("tools", Array(Sketch(), 0, ExpansionTo))).ToJsonString());

    /// <summary>Stage (e): every tool implemented.</summary>
    public static ReplySchema Implementation { get; } = new("design_sql", Object(("tools", Array(Designed(), 1))).ToJsonString());

    /// <summary>Stage (f) from nothing: the principal, the policy and the scenarios.</summary>
    public static ReplySchema Usage { get; } = new("design_usage", Object(
        ("principal", Nullable(Principal())),
        ("policy", Types("string", "null")),
        ("scenarios", Array(Scenario(), ScenariosFrom, ScenariosTo))).ToJsonString());

    /// <summary>Stage (f) over a rule-based draft: its scenarios stay, so the model's are additions, possibly none.</summary>
    public static ReplySchema DraftUsage { get; } = new("design_draft_usage", Object(
        ("principal", Nullable(Principal())),
        ("policy", Types("string", "null")),
        ("scenarios", Array(Scenario(), 0, ScenariosTo))).ToJsonString());

    /// <summary>A repair: what changes, null for what stays.</summary>
    public static ReplySchema Repair { get; } = new("design_repair", Object(
        ("tools", Array(Designed())),
        ("remove_tools", Array(Matching(ToolSpec.NamePattern))),
        ("schema", Types("string", "null")),
        ("data", Nullable(Array(Table(), 1))),
        ("principal", Nullable(Principal())),
        ("policy", Types("string", "null")),
        ("scenarios", Nullable(Array(Scenario(), 1)))).ToJsonString());

    /// <summary>The tool stage's schema for <paramref name="from"/> to <paramref name="to"/> tools (wider when seed tools need it).</summary>
    public static ReplySchema ToolsFor(int from, int to, string name = "design_tools") => new(name, Object(("tools", Array(Sketch(), from, to))).ToJsonString());

    private static JsonObject Table() => Object(
        ("table", Matching(IdentifierPattern)),
        ("columns", Array(Matching(IdentifierPattern), 1)),
        ("rows", Array(Array(Types("string", "number", "boolean", "null"), 1), 1, RowsTo)));

    private static JsonObject Parameter() => Object(
        ("name", Matching(IdentifierPattern)),
        ("type", OneOf(ValueTypes)),
        ("description", NonBlank()),
        ("enum", Nullable(Array(Types("string", "number"), 1))),
        ("required", new JsonObject { ["type"] = "boolean" }));

    private static JsonObject Sketch() => Object(("name", Matching(ToolSpec.NamePattern)), ("description", NonBlank()), ("parameters", Array(Parameter())));

    private static JsonObject Designed() => Object(
        ("name", Matching(ToolSpec.NamePattern)),
        ("description", NonBlank()),
        ("parameters", Array(Parameter())),
        ("access", OneOf(["read", "write"])),
        ("returns", OneOf(["many", "one", "none"])),
        ("sql", Array(NonBlank(), 1)),
        ("preconditions", Array(Object(("sql", NonBlank()), ("message", NonBlank()), ("error", new JsonObject { ["type"] = new JsonArray("string", "null"), ["enum"] = new JsonArray("no_rows", null) })))),
        ("result_columns", Array(Object(("name", Matching(IdentifierPattern)), ("type", OneOf(ValueTypes))))),
        ("example_arguments", Array(Value())));

    private static JsonObject Value() => Object(("name", Matching(IdentifierPattern)), ("value", Types("string", "number", "boolean", "null")));

    private static JsonObject Principal() => Object(("sql", NonBlank()), ("knows", Array(Matching(IdentifierPattern))));

    private static JsonObject Scenario() => Object(
        ("id", Matching(SnakeCasePattern)),
        ("goal", NonBlank()),
        ("difficulty", OneOf(Difficulties)),
        ("sample", NonBlank()),
        ("knows", Array(Matching(IdentifierPattern))),
        ("choices", Array(Object(("fact", Matching(IdentifierPattern)), ("values", Array(NonBlank(), 1))))),
        ("requests", Array(Object(
            ("goal", NonBlank()),
            ("say", Array(NonBlank(), SayFrom, SayTo)),
            ("calls", Array(Object(("tool", Matching(ToolSpec.NamePattern)), ("args", Array(Value()))), 1))), 1)));
}
