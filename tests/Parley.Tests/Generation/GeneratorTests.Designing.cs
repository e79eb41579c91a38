using Parley.Design;
using Parley.Environments;
using Parley.Generation;
using Parley.Llm;
using Parley.Runs;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Generation;

/// <summary>Runs whose environments are designed by a model: over an existing database, from seed tools, or for brainstormed domains.</summary>
public sealed partial class GeneratorTests
{
    private static Generator Designing(ScriptedChatClient client) =>
        new(DialogueGenerator.RuleBased, new LlmEnvironmentDesigner(client, new LlmRoleSettings { Model = "designer-test" }), DomainCatalog.BuiltIn);

    [Fact]
    public async Task DesignsOverAnExistingDatabase_NamedAfterItsFile()
    {
        var database = ConcertSinger.WriteDatabase(_temp);
        var client = PetGroomingDesign.Client([ConcertSinger.Questions, .. ConcertSinger.ToolStages]);

        var manifest = await Designing(client).RunAsync(new GenerationOptions { Output = _temp.Combine("from-db"), FromDatabase = database, Count = 0 }, cancellationToken: Ct);

        manifest.Environments.Should().Equal("concert_singer");
        manifest.Config["from_db"].Should().Be("concert_singer.sqlite");
        var written = ArtifactLoader.ReadEnvironment(_temp.Combine("from-db", "environments", "concert_singer.json"));
        written.Data!["singer"].Rows.Should().HaveCount(4);
    }

    [Fact]
    public async Task DesignsBrainstormedDomains()
    {
        var client = new ScriptedChatClient().Reply("""{"domains": [{"name": "Pet Grooming", "description": "Owners book grooming for their pets."}]}""");
        foreach (var stage in PetGroomingDesign.Stages()) client.Reply(stage);

        var manifest = await Designing(client).RunAsync(new GenerationOptions { Output = _temp.Combine("brainstorm"), DesignDomains = 1, Count = 2, Parallelism = 1 }, cancellationToken: Ct);

        manifest.Environments.Should().Equal("pet_grooming");
        client.Requests[0].Messages[0].Text.Should().Contain("retail", "the built-in domains are not proposed again");
        client.Requests[1].Messages[^1].Text.Should().Contain("Owners book grooming for their pets.");
        manifest.Attempted.Should().Be(2);
    }

    [Fact]
    public async Task RefusesBrainstorming_WithoutAModel()
    {
        var brainstorm = () => Generator.RuleBased.RunAsync(new GenerationOptions { Output = _temp.Combine("b"), DesignDomains = 2 }, cancellationToken: Ct);

        (await brainstorm.Should().ThrowAsync<ParleyException>()).Which.Message.Should().Contain("--design-domains");
    }

    [Fact]
    public async Task DesignsOverAnExistingDatabase_WithoutAModel()
    {
        var database = ConcertSinger.WriteDatabase(_temp);

        var manifest = await Generator.RuleBased.RunAsync(new GenerationOptions { Output = _temp.Combine("a"), FromDatabase = database, Count = 6, Parallelism = 2 }, cancellationToken: Ct);

        manifest.Environments.Should().Equal("concert_singer");
        manifest.Kept.Should().Be(6);
    }
}
