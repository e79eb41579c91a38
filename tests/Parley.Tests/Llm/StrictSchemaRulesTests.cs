using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Llm;

namespace Parley.Tests.Llm;

/// <summary>OpenAI's strict-mode size limits: nesting, properties, enum values, the root's shape.</summary>
public sealed class StrictSchemaRulesTests
{
    private static JsonElement Nested(int levels)
    {
        JsonNode inner = SchemaNodes.Object(("leaf", SchemaNodes.NonBlank()));
        for (var level = 1; level < levels; level++) inner = SchemaNodes.Object(("child", level % 2 == 0 ? SchemaNodes.Array(inner) : inner));
        return JsonElement.Parse(inner.ToJsonString());
    }

    [Fact]
    public void AcceptsObjectsNestedToTheLimit_ThroughArrays() => StrictSchemaRules.Problems(Nested(StrictSchemaRules.MaxDepth)).Should().BeEmpty();

    [Fact]
    public void RefusesObjectsNestedPastTheLimit() =>
        StrictSchemaRules.Problems(Nested(StrictSchemaRules.MaxDepth + 1)).Should().ContainSingle().Which.Should().Contain("11 levels deep (at most 10)");

    [Fact]
    public void RefusesMoreEnumValuesThanTheLimit()
    {
        var schema = SchemaNodes.Object(("a", SchemaNodes.OneOf(Enumerable.Range(0, 600).Select(i => $"a{i}"))), ("b", SchemaNodes.OneOf(Enumerable.Range(0, 401).Select(i => $"b{i}"))));

        StrictSchemaRules.Problems(JsonElement.Parse(schema.ToJsonString())).Should().ContainSingle().Which.Should().Contain("1001 enum values (at most 1000)");
    }

    [Fact]
    public void RefusesMorePropertiesThanTheLimit()
    {
        var wide = SchemaNodes.Object([.. Enumerable.Range(0, 2501).Select(i => ($"p{i}", (JsonNode)SchemaNodes.NonBlank()))]);
        var schema = SchemaNodes.Object(("one", wide), ("two", wide.DeepClone()));

        StrictSchemaRules.Problems(JsonElement.Parse(schema.ToJsonString())).Should().ContainSingle().Which.Should().Contain("5004 object properties (at most 5000)");
    }

    [Fact]
    public void RefusesARootThatIsNotAnObject() =>
        StrictSchemaRules.Problems(JsonElement.Parse(SchemaNodes.Nullable(SchemaNodes.Object(("a", SchemaNodes.NonBlank()))).ToJsonString())).Should().Contain(p => p.Contains("root must be an object"));

    [Fact]
    public void SendsASchemaOverTheLimitsWithoutStrict()
    {
        var schema = new ReplySchema("deep", Nested(StrictSchemaRules.MaxDepth + 1).GetRawText());

        schema.StrictProblems.Should().NotBeEmpty("a strict schema over the limits is refused by the endpoint; without strict it is still validated here");
        schema.Problem(JsonElement.Parse("{}")).Should().NotBeNull();
    }
}
