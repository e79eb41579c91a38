using Parley.Design;
using Parley.Environments;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Design;

public sealed class SeedToolsFileTests
{
    [Fact]
    public void ReadsWrappedAndBareFunctions()
    {
        var tools = SeedToolsFile.Parse("""
            [
              {"type": "function", "function": {"name": "get_weather", "description": "Weather for a city.", "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}},
              {"name": "list_alerts", "description": "Active alerts."}
            ]
            """, "tools.json");

        tools.Select(t => t.Name).Should().Equal("get_weather", "list_alerts");
        tools[0].Parameters.GetProperty("required")[0].GetString().Should().Be("city");
        tools[1].Parameters.GetProperty("type").GetString().Should().Be("object", "a tool without parameters takes none");
    }

    [Fact]
    public void ReadsAnObjectWithAToolsArray()
    {
        SeedToolsFile.Parse("""{"tools": [{"name": "get_weather", "description": "", "parameters": {"type": "object"}}]}""", "t.json")
            .Should().ContainSingle();
    }

    [Theory]
    [InlineData("{not json", "not valid JSON")]
    [InlineData("\"get_weather\"", "expected a JSON array")]
    [InlineData("[]", "empty")]
    [InlineData("[{\"description\": \"no name\"}]", "tool 1: missing 'name'")]
    [InlineData("[{\"type\": \"retrieval\", \"name\": \"x\"}]", "tool 1: type is 'retrieval'")]
    [InlineData("[{\"name\": \"a\"}, {\"name\": \"b\", \"parameters\": {\"type\": \"array\"}}]", "tool 2 ('b'): 'parameters' has type 'array'")]
    [InlineData("[{\"name\": \"a\"}, {\"name\": \"a\"}]", "'a' is listed twice")]
    public void NamesTheFileAndTheTool_WhenMalformed(string json, string problem)
    {
        using var folder = new TempDirectory();
        var path = folder.Write("seed-tools.json", json);

        var load = () => SeedToolsFile.Load(path);

        var error = load.Should().Throw<ParleyException>().Which;
        error.Code.Should().Be("invalid_file");
        error.Message.Should().StartWith(path).And.Contain(problem);
    }

    [Fact]
    public void ReportsAMissingFile() =>
        FluentActions.Invoking(() => SeedToolsFile.Load("/nonexistent/tools.json")).Should().Throw<ParleyException>().Which.Code.Should().Be("not_found");
}
