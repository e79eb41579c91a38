using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Llm;
using Parley.Tools;
using static Parley.Llm.SchemaNodes;

namespace Parley.Tasks;

/// <summary>
/// The planner's reply schema for one environment: sent (strict) and validated against. Tool names are an <c>enum</c>;
/// each call is one of the tools (<c>anyOf</c>), its arguments an array of <c>{name, value}</c> pairs whose names are
/// that tool's parameters and whose values have the parameter's type and enum, because a strict schema allows no
/// free-form object. Facts are <c>{name, value}</c> pairs for the same reason.
/// </summary>
internal static class TaskPlanSchema
{
    /// <summary>Phrasings per sub-request: in the prompt, the schema and the grounder.</summary>
    public const int MinUtterances = 1, MaxUtterances = 3;

    /// <summary>Difficulties, in the prompt and the schema.</summary>
    public static IReadOnlyList<string> Difficulties { get; } = ["easy", "medium", "hard"];

    /// <summary>A fact's name: snake_case, as the prompt asks.</summary>
    public const string FactNamePattern = "^[a-z][a-z0-9_]*$";

    // One schema per catalog and task count: a schema is compiled once and serves every dialogue of the environment.
    private static readonly ConditionalWeakTable<ToolCatalog, Dictionary<int, ReplySchema>> Cache = [];

    /// <summary>The schema for plans of at most <paramref name="taskCount"/> tasks over <paramref name="tools"/>.</summary>
    public static ReplySchema For(ToolCatalog tools, int taskCount)
    {
        var byCount = Cache.GetValue(tools, _ => []);
        lock (byCount)
        {
            if (!byCount.TryGetValue(taskCount, out var schema)) byCount[taskCount] = schema = Build(tools.Tools, taskCount);
            return schema;
        }
    }

    private static ReplySchema Build(IReadOnlyList<ToolSpec> tools, int taskCount)
    {
        var facts = Array(Object(("name", Matching(FactNamePattern)), ("value", NonBlank())));
        var subRequest = Object(
            ("goal", NonBlank()),
            ("utterances", Array(NonBlank(), MinUtterances, MaxUtterances)),
            ("calls", Array(new JsonObject { ["anyOf"] = new JsonArray([.. tools.Select(Call)]) })),
            ("follow_ups", Array(NonBlank())));
        var task = Object(
            ("goal", NonBlank()),
            ("difficulty", OneOf(Difficulties)),
            ("user_facts", facts.DeepClone()),
            ("hidden_facts", facts.DeepClone()),
            ("sub_requests", Array(subRequest, 1)),
            ("mind_changes", facts.DeepClone()),
            ("builds_on", new JsonObject { ["type"] = new JsonArray("integer", "null"), ["minimum"] = 0 }));
        var root = Object(("tasks", Array(task, 1, taskCount)));
        return new ReplySchema("task_plan", root.ToJsonString());
    }

    private static JsonObject Call(ToolSpec tool)
    {
        var parameters = tool.Parameters.ValueKind == JsonValueKind.Object && tool.Parameters.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object
            ? p.EnumerateObject().ToList() : [];
        var arguments = parameters.Count == 0
            ? Array(Object(("name", new JsonObject { ["type"] = "string" }), ("value", NonBlank())), 0, 0)
            : Array(new JsonObject { ["anyOf"] = new JsonArray([.. parameters.Select(a => (JsonNode)Object(("name", Enum(a.Name)), ("value", Value(a.Value))))]) });
        return Object(("tool", Enum(tool.Name)), ("arguments", arguments));
    }

    // The parameter's type and enum, the keywords a strict schema and the tool's own check share; any type when it has none.
    private static JsonObject Value(JsonElement parameter)
    {
        var value = new JsonObject();
        if (parameter.ValueKind == JsonValueKind.Object && parameter.TryGetProperty("type", out var type) && type.ValueKind is JsonValueKind.String or JsonValueKind.Array)
        {
            value["type"] = JsonNode.Parse(type.GetRawText());
            if (parameter.TryGetProperty("enum", out var values) && values.ValueKind == JsonValueKind.Array) value["enum"] = JsonNode.Parse(values.GetRawText());
        }
        else
        {
            value["type"] = new JsonArray("string", "number", "boolean");
        }
        return value;
    }

    private static JsonObject Enum(string name) => SchemaNodes.OneOf([name]);
}
