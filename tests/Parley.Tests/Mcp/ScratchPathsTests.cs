using Parley.Mcp;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Mcp;

public sealed class ScratchPathsTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void NamesTheScratchFolderWorkspace_WhenTheServerAnswersWithItsRealPath()
    {
        var paths = new ScratchPaths(_temp.Path);

        paths.FromServer($"Allowed directories:\n{_temp.Path}").Should().Be("Allowed directories:\n/workspace");
        paths.FromServer($"ENOENT: open '{_temp.Path}/notes/a.md'").Should().Be("ENOENT: open '/workspace/notes/a.md'");
    }

    [Fact]
    public void PointsWorkspacePathsAtTheRealFolder_WhenTheAgentSendsThem()
    {
        var paths = new ScratchPaths(_temp.Path);

        var sent = paths.ToServer("""{"path":"/workspace/notes/a.md","paths":["/workspace","todo.md"],"content":"see /workspacer"}""");

        sent.Should().Be($$"""{"path":"{{_temp.Path}}/notes/a.md","paths":["{{_temp.Path}}","todo.md"],"content":"see /workspacer"}""");
        paths.ToServer("""{"path": "notes"}""").Should().Be("""{"path": "notes"}""", "arguments without the name pass unchanged");
    }
}
