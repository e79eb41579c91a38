using Parley.Environments;
using Parley.Export;
using Parley.Generation;
using Parley.Runs;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Runs;

public sealed class ArtifactLoaderTests(GeneratedRuns runs) : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static StartingPoint Load(string path) => ArtifactLoader.Load(path, DomainCatalog.BuiltIn);

    [Fact]
    public void ReadsDomainNames_WhenFileIsATextList()
    {
        var path = _temp.Write("domains.txt", "# comment line\nretail\n  library  # why not\n\nretail\n");

        var start = Load(path);

        start.Environments.Select(e => e.Id).Should().Equal("retail", "library");
        start.TaskGroups.Should().BeEmpty();
        start.States.Should().BeEmpty();
    }

    [Fact]
    public void ReadsDomainNames_WhenFileIsAJsonArray()
    {
        var path = _temp.Write("domains.json", "[\"library\", \"retail\"]");

        Load(path).Environments.Select(e => e.Id).Should().Equal("library", "retail");
    }

    [Fact]
    public void ThrowsUnknownDomain_WhenListNamesADomainNotInTheCatalog()
    {
        var path = _temp.Write("domains.txt", "retail\natlantis\n");

        var load = () => Load(path);

        load.Should().Throw<ParleyException>().Which.Code.Should().Be("unknown_domain");
    }

    [Fact]
    public async Task ReadsEnvironmentWithRows_WhenFileIsAnEnvironmentOrARunFolder()
    {
        var run = await runs.RetailAsync();

        var fromFile = Load(run.EnvironmentPath("retail"));
        var fromRun = Load(run.Folder);
        var fromEnvironments = Load(run.PathOf(OutputDirectory.EnvironmentsFolder));

        foreach (var start in new[] { fromFile, fromRun, fromEnvironments })
        {
            start.Environments.Should().ContainSingle().Which.Data.Should().NotBeNull();
        }
        fromRun.Environments[0].Data!["orders"].Rows.Should().HaveCount(fromFile.Environments[0].Data!["orders"].Rows.Count);
    }

    [Fact]
    public async Task GroupsTasksPerDialogueInOrder_AndFindsEnvironmentBesideTheFile()
    {
        var run = await runs.RetailAsync();

        var start = Load(run.TasksPath);

        start.TaskGroups.Should().HaveCount(GeneratedRuns.Count);
        start.TaskGroups.Select(g => g[0].DialogueId).Should().Equal(run.Dialogues.Select(d => d.Id));
        start.TaskGroups.Should().AllSatisfy(g => g.Select(t => t.Index).Should().BeInAscendingOrder().And.StartWith(0));
        start.Environments.Should().ContainSingle().Which.Data.Should().NotBeNull("the run's environment file is preferred to the catalog");
    }

    [Fact]
    public async Task FallsBackToCatalog_WhenNoEnvironmentFileIsBesideTheTasks()
    {
        var run = await runs.RetailAsync();
        var tasks = _temp.Write("tasks.jsonl", File.ReadAllText(run.TasksPath));

        var start = Load(tasks);

        start.Environments.Should().ContainSingle().Which.Should().BeSameAs(DomainCatalog.BuiltIn.Get("retail"));
    }

    [Fact]
    public async Task ReadsPausedStates_WhenFileHoldsStates()
    {
        var run = await runs.RetailAsync(pauseAfter: 6);

        var start = Load(run.StatesPath);

        start.States.Should().HaveCount(GeneratedRuns.Count);
        start.Environments.Select(e => e.Id).Should().Equal("retail");
    }

    [Theory]
    [InlineData("empty.jsonl", "\n\n", "the file is empty")]
    [InlineData("garbage.jsonl", "this is not json\n", "not valid JSON")]
    [InlineData("other.jsonl", "{\"hello\":\"world\"}\n", "not a tasks file or a states file")]
    [InlineData("numbers.jsonl", "[1,2,3]\n", "not a tasks file or a states file")]
    [InlineData("env.json", "{\"id\":\"x\"}", "not an environment file")]
    [InlineData("broken.json", "{\"id\":", "not valid JSON")]
    public void ExplainsTheProblem_WhenFileIsNotAnArtifact(string name, string content, string problem)
    {
        var path = _temp.Write(name, content);

        var load = () => Load(path);

        load.Should().Throw<ParleyException>().Which.Message.Should().StartWith(path).And.Contain(problem);
    }

    [Fact]
    public void ExplainsTheProblem_WhenFolderHoldsNoDomainOrEnvironments()
    {
        _temp.Write(Path.Combine("empty", "readme.md"), "nothing here");

        var load = () => Load(_temp.Combine("empty"));

        load.Should().Throw<ParleyException>().WithMessage("*no domain.yaml and no environment files*");
    }

    [Fact]
    public async Task NamesTheLine_WhenALaterTaskLineIsBroken()
    {
        var run = await runs.RetailAsync();
        var lines = File.ReadAllLines(run.TasksPath);
        var path = _temp.Write(Path.Combine("broken", "tasks.jsonl"), string.Join("\n", lines.Take(2).Append("{\"sub_requests\": 12}")) + "\n");

        var load = () => Load(path);

        load.Should().Throw<ParleyException>().WithMessage("*line 3*");
    }

    [Fact]
    public void FindsEnvironmentFileBesideTheFile_BeforeTheCatalog()
    {
        var spec = DomainCatalog.BuiltIn.Get("retail") with { Description = "A local copy." };
        using (var env = EnvironmentDatabase.Build(spec, 0))
        using (var output = new OutputDirectory(_temp.Combine("local")))
        {
            output.WriteEnvironment(env.Spec);
        }

        var found = ArtifactLoader.FindEnvironment("retail", _temp.Combine("local", "tasks.jsonl"), DomainCatalog.BuiltIn);

        found.Description.Should().Be("A local copy.");
    }
}
