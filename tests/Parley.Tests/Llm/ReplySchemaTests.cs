using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Parley.Llm;
using Parley.Environments;
using Parley.Tasks;
using Parley.Tests.TestDoubles;
using Parley.Tools;

namespace Parley.Tests.Llm;

/// <summary>
/// Every reply schema meets OpenAI's strict rules and is sent with <c>strict: true</c>, and its validator enforces
/// every rule the schema states: a reply built from the schema passes, and breaking any one enum, bound, pattern,
/// minItems, maxItems, required property, additionalProperties or type fails. The schemas are every static one in the
/// assembly plus the planners', built per environment (one per built-in domain) and for an MCP server's tools.
/// </summary>
public sealed class ReplySchemaTests
{
    /// <summary>The structured requests Parley makes: each must be one of these schemas.</summary>
    private static readonly string[] Expected = ["judge_reply", "user_reply", "tool_result", "design_questions", "design_brainstorm", "failure_attribution",
        "design_schema", "design_rows", "design_tools", "design_draft_tools", "design_expand", "design_sql", "design_usage", "design_draft_usage", "design_repair"];

    public static TheoryData<string> Schemas() => [.. All().Keys];

    private static Dictionary<string, ReplySchema> All() => typeof(ReplySchema).Assembly.GetTypes()
        .SelectMany(t => t.GetProperties(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
        .Where(p => p.PropertyType == typeof(ReplySchema))
        .Select(p => (ReplySchema)p.GetValue(null)!)
        .Concat(DomainCatalog.BuiltIn.Names.Select(d => TaskPlanSchema.For(new ToolCatalog(DomainCatalog.BuiltIn.Get(d).Tools), 3)).Select((s, i) => Named(s, i)))
        .Append(Parley.Mcp.McpLlmTaskPlanner.Schema(["create_entities", "read_graph"]))
        .ToDictionary(s => s.Name);

    // The planner's schemas share a name; the test tells them apart by domain.
    private static ReplySchema Named(ReplySchema schema, int domain) => new($"{schema.Name}:{DomainCatalog.BuiltIn.Names[domain]}", schema.Schema.GetRawText());

    [Fact]
    public void CoversEveryStructuredRequestType() =>
        All().Keys.Select(k => k.Split(':')[0]).Distinct().Should().BeEquivalentTo([.. Expected, "task_plan", "mcp_task_plan"]);

    [Theory]
    [MemberData(nameof(Schemas))]
    public void MeetsTheStrictRules(string name) => All()[name].StrictProblems.Should().BeEmpty();

    [Theory]
    [MemberData(nameof(Schemas))]
    public void RejectsEveryViolationOfARuleItStates(string name)
    {
        var schema = All()[name];
        var valid = Example(JsonNode.Parse(schema.Schema.GetRawText())!);

        schema.Problem(Parse(valid)).Should().BeNull(valid.ToJsonString());
        var broken = Violations(JsonNode.Parse(schema.Schema.GetRawText())!, valid, "").ToList();
        broken.Should().NotBeEmpty();
        foreach (var (rule, reply) in broken) schema.Problem(Parse(reply)).Should().NotBeNull($"breaking {rule} must fail: {reply.ToJsonString()}");
    }

    [Fact]
    public async Task SendsTheSchemaStrict_WithItsRules()
    {
        await using var server = await OpenAiProtocolServer.StartAsync(ServerReply.Text("{}"));
        using var setup = LlmSetup.Create(LlmConfig.FromFlags(server.BaseUrl, "m", [LlmRole.Judge]), new LlmSetupOptions { Secrets = new SecretStore(environment: _ => null) });
        var options = new ChatOptions();
        Parley.Verification.JudgeReply.Schema.Apply(options);

        await setup.Judge!.Client.GetResponseAsync([new ChatMessage(ChatRole.User, "judge")], options, TestContext.Current.CancellationToken);

        var format = server.Requests.Single().ResponseFormat!.Value.GetProperty("json_schema");
        format.GetProperty("strict").GetBoolean().Should().BeTrue();
        var sent = format.GetProperty("schema");
        sent.GetProperty("properties").GetProperty("judgment").GetProperty("enum").EnumerateArray().Select(e => e.GetString()).Should().Equal("valid", "invalid");
        sent.GetProperty("properties").GetProperty("scores").GetProperty("properties").GetProperty("agent_helpfulness").GetProperty("maximum").GetInt32().Should().Be(5);
    }

    private static JsonElement Parse(JsonNode node) => JsonDocument.Parse(node.ToJsonString()).RootElement;

    // The smallest reply the schema allows: every required property, the first enum value, the lowest bound, minItems items, a string its pattern accepts.
    private static JsonNode Example(JsonNode schema)
    {
        if (schema["enum"] is JsonArray values) return values[0]!.DeepClone();
        if (schema["anyOf"] is JsonArray options) return Example(options[0]!);
        var type = schema["type"] is JsonArray types ? types[0]!.GetValue<string>() : schema["type"]!.GetValue<string>();
        return type switch
        {
            "object" => new JsonObject(schema["properties"]!.AsObject().Select(p => KeyValuePair.Create(p.Key, (JsonNode?)Example(p.Value!)))),
            "array" => new JsonArray([.. Enumerable.Range(0, Math.Min(Math.Max(1, schema["minItems"]?.GetValue<int>() ?? 1), schema["maxItems"]?.GetValue<int>() ?? int.MaxValue)).Select(_ => Example(schema["items"]!))]),
            "integer" => JsonValue.Create(schema["minimum"]?.GetValue<int>() ?? 0),
            "number" => JsonValue.Create(schema["minimum"]?.GetValue<double>() ?? 0),
            "boolean" => JsonValue.Create(false),
            "null" => null!,
            _ => JsonValue.Create(schema["pattern"] is { } pattern ? Matching(pattern.GetValue<string>()) : "x"),
        };
    }

    // A short string the pattern accepts, from candidates covering the patterns the schemas use.
    private static string Matching(string pattern) =>
        new[] { "x", "xy", "x_1", "2025-06-15" }.FirstOrDefault(c => System.Text.RegularExpressions.Regex.IsMatch(c, pattern))
        ?? throw new InvalidOperationException($"no example string for the pattern {pattern}: add one");

    // For each rule at each place in the schema, the example with that one rule broken.
    private static IEnumerable<(string Rule, JsonNode Reply)> Violations(JsonNode schema, JsonNode root, string path)
    {
        JsonNode With(Func<JsonNode, JsonNode?> change)
        {
            var copy = root.DeepClone();
            var parent = path.Length == 0 ? null : Locate(copy, path[..path.LastIndexOf('/')]);
            var key = path.Length == 0 ? "" : path[(path.LastIndexOf('/') + 1)..];
            var replaced = change(path.Length == 0 ? copy : Locate(copy, path)!);
            if (parent is null) return replaced!;
            if (parent is JsonArray array) array[int.Parse(key, System.Globalization.CultureInfo.InvariantCulture)] = replaced;
            else parent[key] = replaced;
            return copy;
        }
        if (schema["enum"] is not null) yield return ($"{path} enum", With(_ => JsonValue.Create("not-one-of-them")));
        if (schema["minimum"] is { } min) yield return ($"{path} minimum", With(_ => JsonValue.Create(min.GetValue<double>() - 1)));
        if (schema["maximum"] is { } max) yield return ($"{path} maximum", With(_ => JsonValue.Create(max.GetValue<double>() + 1)));
        if (schema["pattern"] is not null) yield return ($"{path} pattern", With(_ => JsonValue.Create(" ")));
        if (schema["type"] is JsonValue t && t.GetValue<string>() is var type)
        {
            yield return ($"{path} type", With(_ => type == "string" ? JsonValue.Create(7) : JsonValue.Create("wrong type")));
        }
        if (schema["minItems"] is { } minItems && minItems.GetValue<int>() > 0) yield return ($"{path} minItems", With(_ => new JsonArray()));
        if (schema["maxItems"] is { } maxItems)
        {
            yield return ($"{path} maxItems", With(_ => new JsonArray([.. Enumerable.Range(0, maxItems.GetValue<int>() + 1).Select(_ => Example(schema["items"]!))])));
        }
        if (schema["anyOf"] is JsonArray options)
        {
            foreach (var v in Violations(options[0]!, root, path)) yield return v;
        }
        if (schema["items"] is { } items && (schema["minItems"]?.GetValue<int>() ?? 1) > 0 && (schema["maxItems"]?.GetValue<int>() ?? 1) > 0)
        {
            foreach (var v in Violations(items, root, path + "/0")) yield return v;
        }
        if (schema["properties"] is JsonObject properties)
        {
            foreach (var required in schema["required"]?.AsArray().Select(r => r!.GetValue<string>()) ?? [])
            {
                yield return ($"{path} required {required}", With(o => { var c = o.DeepClone().AsObject(); c.Remove(required); return c; }));
            }
            if (schema["additionalProperties"] is JsonValue extra && !extra.GetValue<bool>())
            {
                yield return ($"{path} additionalProperties", With(o => { var c = o.DeepClone().AsObject(); c["unexpected"] = 1; return c; }));
            }
            foreach (var (name, property) in properties) foreach (var v in Violations(property!, root, $"{path}/{name}")) yield return v;
        }
    }

    private static JsonNode? Locate(JsonNode root, string path) =>
        path.Split('/', StringSplitOptions.RemoveEmptyEntries).Aggregate((JsonNode?)root, (node, key) =>
            node is JsonArray a ? a[int.Parse(key, System.Globalization.CultureInfo.InvariantCulture)] : node![key]);
}
