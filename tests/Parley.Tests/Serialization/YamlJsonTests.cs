using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Serialization;

namespace Parley.Tests.Serialization;

public sealed class YamlJsonTests
{
    private static JsonNode? Value(string yaml) => YamlJson.Parse("value: " + yaml, "test.yaml")!["value"];

    [Theory]
    [InlineData("42", 42L)]
    [InlineData("-7", -7L)]
    [InlineData("+5", 5L)]
    public void ReadsPlainIntegerAsNumber(string yaml, long expected)
    {
        var node = Value(yaml);

        node!.GetValueKind().Should().Be(JsonValueKind.Number);
        node.GetValue<long>().Should().Be(expected);
    }

    [Theory]
    [InlineData("4.5", 4.5)]
    [InlineData("1e3", 1000.0)]
    [InlineData("-0.25", -0.25)]
    public void ReadsPlainDecimalAsNumber(string yaml, double expected)
    {
        var node = Value(yaml);

        node!.GetValueKind().Should().Be(JsonValueKind.Number);
        node.GetValue<double>().Should().Be(expected);
    }

    [Theory]
    [InlineData("true", JsonValueKind.True)]
    [InlineData("false", JsonValueKind.False)]
    public void ReadsPlainBooleans(string yaml, JsonValueKind kind) => Value(yaml)!.GetValueKind().Should().Be(kind);

    [Theory]
    [InlineData("null")]
    [InlineData("~")]
    [InlineData("")]
    public void ReadsPlainNull(string yaml) => Value(yaml).Should().BeNull();

    [Theory]
    [InlineData("\"42\"", "42")]
    [InlineData("'true'", "true")]
    [InlineData("'null'", "null")]
    [InlineData("\"4.5\"", "4.5")]
    [InlineData("\"\"", "")]
    [InlineData("2025-06-15", "2025-06-15")]
    [InlineData("1_000", "1_000")]
    [InlineData("0x1F", "0x1F")]
    [InlineData("pending", "pending")]
    [InlineData("\"Infinity\"", "Infinity")]
    [InlineData("|\n  42\n", "42\n")]
    public void KeepsText_WhenScalarIsQuotedOrNotANumber(string yaml, string expected)
    {
        var node = Value(yaml);

        node!.GetValueKind().Should().Be(JsonValueKind.String);
        node.GetValue<string>().Should().Be(expected);
    }

    [Theory]
    [InlineData("Infinity")]
    [InlineData("nan")]
    [InlineData("1e400")]
    public void NeverProducesNonFiniteNumbers_WhenPlainScalarLooksLikeOne(string yaml)
    {
        var node = Value(yaml);

        var write = () => node!.ToJsonString();

        write.Should().NotThrow();
    }

    [Fact]
    public void ConvertsNestedMappingsAndSequences()
    {
        var node = YamlJson.Parse("""
            tools:
              - name: a
                tags: [x, 2, "3"]
                nested: {k: v}
            """, "t.yaml")!;

        node.ToJsonString().Should().Be("{\"tools\":[{\"name\":\"a\",\"tags\":[\"x\",2,\"3\"],\"nested\":{\"k\":\"v\"}}]}");
    }

    [Fact]
    public void ReturnsNull_WhenDocumentIsEmpty() => YamlJson.Parse("", "empty.yaml").Should().BeNull();

    [Fact]
    public void ReportsSourceAndLine_WhenYamlIsMalformed()
    {
        var parse = () => YamlJson.Parse("ok: 1\nlist: [1, 2\n", "broken.yaml");

        parse.Should().Throw<ParleyException>()
            .Which.Should().Match<ParleyException>(e => e.Code == "invalid_file" && e.Message.StartsWith("broken.yaml: line 3", StringComparison.Ordinal));
    }

    [Fact]
    public void ReportsSourceAndLine_WhenFlowSequenceIsLeftOpen()
    {
        var parse = () => YamlJson.Parse("tools:\n  - name: broken\n    description: [unclosed\n    sql: x\n", "tools.yaml");

        parse.Should().Throw<ParleyException>().WithMessage("tools.yaml: line *");
    }
}
