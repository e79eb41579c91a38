using Parley.Mcp;

namespace Parley.Tests.Mcp;

public sealed class McpTreeTests
{
    [Fact]
    public void ListsFoldersAndFilesAsSortedRelativePaths_WhenTheTreeIsJsonTextInAOneFieldObject()
    {
        var tree = """[{"name":"todo.md","type":"file"},{"name":"notes","type":"directory","children":[{"name":"b.txt","type":"file"},{"name":"old","type":"directory","children":[]}]}]""";
        var content = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["content"] = tree });

        var parsed = McpTree.Parse(content);

        parsed.Should().NotBeNull();
        parsed!.Value.Folders.Should().Equal("notes", "notes/old");
        parsed.Value.Files.Should().Equal("notes/b.txt", "todo.md");
    }

    [Theory]
    [InlineData("""{"content":"[FILE] a.txt\n[DIR] notes"}""")]
    [InlineData("""{"entities":[]}""")]
    [InlineData("not json")]
    public void IsNull_WhenTheAnswerIsNotATree(string content) => McpTree.Parse(content).Should().BeNull();

    [Fact]
    public void ReadsTheTextOfAOneFieldObject_AndLeavesOtherContentAlone()
    {
        McpTree.Text("""{"content":"# To do\n- milk"}""").Should().Be("# To do\n- milk");
        McpTree.Text("""{"a":"1","b":"2"}""").Should().Be("""{"a":"1","b":"2"}""");
    }
}
