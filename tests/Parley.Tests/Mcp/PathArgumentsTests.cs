using System.Text.Json;
using Parley.Determinism;
using Parley.Mcp;
using Parley.Tools;

namespace Parley.Tests.Mcp;

public sealed class PathArgumentsTests
{
    private static readonly McpSnapshot State = new("hash", ["archive", "notes"], new Dictionary<string, string>
    {
        ["todo.md"] = "# To do\n- [ ] book the dentist\n- [x] pay the bill\n",
        ["notes/ideas.txt"] = "ideas\n- learn to make sourdough\n",
    });

    private static ToolSpec Tool(string name, ToolAccess access, string properties, string required) => new()
    {
        Name = name,
        Description = name,
        Parameters = JsonElement.Parse($$"""{"type":"object","properties":{{{properties.Replace('\'', '"')}}},"required":[{{required.Replace('\'', '"')}}]}"""),
        Access = access,
        Sql = [],
    };

    [Fact]
    public void EditsARealLineOfAnExistingFile_AndExpectsTheNewLineBack()
    {
        var edit = Tool("edit_file", ToolAccess.Write, "'path':{'type':'string'},'edits':{'type':'array','items':{'type':'object','properties':{'oldText':{'type':'string'},'newText':{'type':'string'}}}}", "'path','edits'");

        for (ulong seed = 1; seed <= 20; seed++)
        {
            var call = PathArguments.For(edit, State, new SeededRandom(seed))!;
            var path = call.Arguments["path"]!.GetValue<string>();
            var old = call.Arguments["edits"]![0]!["oldText"]!.GetValue<string>();
            State.Files[path].Should().Contain(old);
            call.Expect.Should().Be(call.Arguments["edits"]![0]!["newText"]!.GetValue<string>()).And.NotBe(old);
            call.CheckPath.Should().Be(path);
        }
    }

    [Fact]
    public void MovesAnExistingFileToAPathThatIsFree_AndExpectsItsTextThere()
    {
        var move = Tool("move_file", ToolAccess.Write, "'source':{'type':'string'},'destination':{'type':'string'}", "'source','destination'");

        for (ulong seed = 1; seed <= 20; seed++)
        {
            var call = PathArguments.For(move, State, new SeededRandom(seed))!;
            var source = call.Arguments["source"]!.GetValue<string>();
            var destination = call.Arguments["destination"]!.GetValue<string>();
            State.Files.Should().ContainKey(source).And.NotContainKey(destination);
            call.CheckPath.Should().Be(destination);
            State.Files[source].Should().StartWith(call.Expect);
        }
    }

    [Fact]
    public void CreatesANewFolderInsideAnExistingOne_AndChecksItsParentListsIt()
    {
        var create = Tool("create_directory", ToolAccess.Write, "'path':{'type':'string'}", "'path'");

        var call = PathArguments.For(create, State, new SeededRandom(3))!;
        var path = call.Arguments["path"]!.GetValue<string>();

        State.Folders.Should().NotContain(path);
        call.CheckFolder.Should().BeTrue();
        (path.Contains('/') ? path[..path.LastIndexOf('/')] : ".").Should().Be(call.CheckPath);
        path.Should().EndWith(call.Expect);
    }

    [Fact]
    public void ReadsOnlyPathsTheProbeListed_WhenTheToolReads()
    {
        var read = Tool("read_text_file", ToolAccess.Read, "'path':{'type':'string'}", "'path'");
        var list = Tool("list_directory", ToolAccess.Read, "'path':{'type':'string'}", "'path'");

        for (ulong seed = 1; seed <= 10; seed++)
        {
            State.Files.Should().ContainKey(PathArguments.For(read, State, new SeededRandom(seed))!.Arguments["path"]!.GetValue<string>());
            new[] { ".", "archive", "notes" }.Should().Contain(PathArguments.For(list, State, new SeededRandom(seed))!.Arguments["path"]!.GetValue<string>());
        }
    }
}
