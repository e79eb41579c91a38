using System.Text.Json;
using Microsoft.Extensions.AI;
using Parley.Design;
using Parley.Environments;
using Parley.Generation;
using Parley.Llm;
using Parley.Runs;
using Parley.Serialization;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Design;

public sealed class LlmEnvironmentDesignerTests
{
    private static readonly LlmRoleSettings Settings = new() { Model = "designer-test", MaxRepairs = 2 };

    private static Task<EnvironmentSpec> DesignAsync(ScriptedChatClient client, LlmRoleSettings? settings = null, DesignRequest? request = null) =>
        new LlmEnvironmentDesigner(client, settings ?? Settings).DesignAsync(request ?? new DesignRequest("Pet Grooming", 7), TestContext.Current.CancellationToken).AsTask();

    private static string LastUserText(ScriptedChatClient client, int request) =>
        client.Requests[request].Messages.Last(m => m.Role == ChatRole.User).Text;

    [Fact]
    public async Task DesignsEnvironment_ThatBuildsAndPassesItsSelfTest_WhenEveryStageReplies()
    {
        var client = PetGroomingDesign.Client(PetGroomingDesign.Stages());

        var spec = await DesignAsync(client);

        spec.Id.Should().Be("pet_grooming");
        spec.Tools.Select(t => t.Name).Should().Equal("find_owner_by_email", "list_owner_pets", "list_services", "list_pet_appointments",
            "book_appointment", "cancel_appointment", "get_appointment");
        spec.Tools.Single(t => t.Name == "cancel_appointment").Access.Should().Be(Parley.Tools.ToolAccess.Write);
        spec.Tools.Should().OnlyContain(t => t.ResultSchema != null);
        spec.Data!["appointments"].Rows.Should().HaveCount(5);
        spec.Principal!.Knows.Should().Contain("email");
        spec.Scenarios.Select(s => s.Id).Should().Equal("cancel_booked_appointment", "cancel_groom", "check_then_cancel");
        spec.Tools.Single(t => t.Name == "list_pet_appointments").Parameters.GetProperty("properties").GetProperty("status").GetProperty("enum").GetArrayLength().Should().Be(3);
        (await EnvironmentSelfTest.RunAsync(spec, 7, cancellationToken: TestContext.Current.CancellationToken)).Should().BeEmpty();
        client.Requests.Should().HaveCount(6, "one request per stage, no repair needed");
        client.Requests[0].Messages[0].Role.Should().Be(ChatRole.System);
        LastUserText(client, 0).Should().Contain("Pet Grooming");
        LastUserText(client, 4).Should().Contain("get_appointment", "the implementation stage lists the expansion's tools too");
    }

    [Fact]
    public async Task SeedsEveryCall_FromTheRequestSeed()
    {
        var first = PetGroomingDesign.Client(PetGroomingDesign.Stages());
        var second = PetGroomingDesign.Client(PetGroomingDesign.Stages());
        var other = PetGroomingDesign.Client(PetGroomingDesign.Stages());

        await DesignAsync(first, request: new DesignRequest("pet grooming", 7));
        await DesignAsync(second, request: new DesignRequest("pet grooming", 7));
        await DesignAsync(other, request: new DesignRequest("pet grooming", 8));

        var seeds = first.Requests.Select(r => r.Options!.Seed).ToList();
        seeds.Should().OnlyHaveUniqueItems().And.NotContainNulls();
        second.Requests.Select(r => r.Options!.Seed).Should().Equal(seeds);
        other.Requests.Select(r => r.Options!.Seed).Should().NotIntersectWith(seeds);
        first.Requests.Should().OnlyContain(r => r.Options!.ModelId == "designer-test");
    }

    [Fact]
    public async Task DesignedEnvironment_RoundTripsThroughAnEnvironmentFile_AndGeneratesDialogues()
    {
        var spec = await DesignAsync(PetGroomingDesign.Client(PetGroomingDesign.Stages()));
        using var folder = new TempDirectory();
        var path = folder.Write("pet_grooming.json", JsonSerializer.Serialize(spec, EnvironmentJsonContext.Default.EnvironmentSpec));

        var loaded = ArtifactLoader.Load(path, DomainCatalog.BuiltIn).Environments.Should().ContainSingle().Subject;
        loaded.Tools.Select(t => t.Name).Should().Equal(spec.Tools.Select(t => t.Name));
        JsonElement.DeepEquals(loaded.Tools[1].ResultSchema!.Value, spec.Tools[1].ResultSchema!.Value).Should().BeTrue();
        using (var env = EnvironmentDatabase.Build(loaded, 0))
        {
            env.Data["owners"].Rows.Should().HaveCount(3);
        }

        var manifest = await Generator.RuleBased.RunAsync(new GenerationOptions { Output = folder.Combine("run"), From = path, Count = 4, Parallelism = 1 }, cancellationToken: TestContext.Current.CancellationToken);

        manifest.Environments.Should().Equal("pet_grooming");
        manifest.Kept.Should().BeGreaterThan(0, "the designed scenarios drive the rule-based planner, user and agent");
    }

    [Fact]
    public async Task SendsTheSqliteErrorBack_AndAcceptsTheRepairedTool_WhenAToolsSqlIsBroken()
    {
        var broken = PetGroomingDesign.Implementation.Replace(PetGroomingDesign.CancelSql, PetGroomingDesign.CancelSql.Replace("UPDATE appointments", "UPDATE appointmnts"), StringComparison.Ordinal);
        var client = PetGroomingDesign.Client([.. PetGroomingDesign.Stages(broken), PetGroomingDesign.CancelRepair(PetGroomingDesign.CancelSql)]);

        var spec = await DesignAsync(client);

        client.Requests.Should().HaveCount(7);
        var repairRequest = LastUserText(client, 6);
        repairRequest.Should().Contain("cancel_appointment").And.Contain("no such table: appointmnts");
        spec.Tools.Single(t => t.Name == "cancel_appointment").Sql[0].Should().Be(PetGroomingDesign.CancelSql);
        spec.Tools.Should().HaveCount(7, "a repair replaces the tool of the same name");
    }

    [Fact]
    public async Task RejectsTheEnvironmentWithTheReason_WhenStillBrokenAfterMaxRepairs()
    {
        var broken = PetGroomingDesign.CancelSql.Replace("status", "state", StringComparison.Ordinal);
        var implementation = PetGroomingDesign.Implementation.Replace(PetGroomingDesign.CancelSql, broken, StringComparison.Ordinal);
        var client = PetGroomingDesign.Client([.. PetGroomingDesign.Stages(implementation), PetGroomingDesign.CancelRepair(broken)]);

        var design = () => DesignAsync(client, Settings with { MaxRepairs = 1 });

        var error = (await design.Should().ThrowAsync<ParleyException>()).Which;
        error.Code.Should().Be("invalid_environment");
        error.Message.Should().Contain("pet_grooming").And.Contain("after 1 repair").And.Contain("no such column: state");
        client.Requests.Should().HaveCount(7, "one repair was allowed");
    }

    [Fact]
    public async Task AsksForARepair_WhenAStageReplyIsNotJson()
    {
        var client = PetGroomingDesign.Client(["Sure! Here are some questions users ask.", .. PetGroomingDesign.Stages()]);

        var spec = await DesignAsync(client);

        spec.Tools.Should().HaveCount(7);
        client.Requests.Should().HaveCount(7);
        LastUserText(client, 1).Should().Contain("could not be used");
    }

    [Fact]
    public async Task RejectsTheEnvironment_NamingTheStage_WhenAReplyStaysUnusable()
    {
        var client = PetGroomingDesign.Client(["no JSON here", "still none", "nothing"]);

        var design = () => DesignAsync(client);

        var error = (await design.Should().ThrowAsync<ParleyException>()).Which;
        error.Message.Should().Contain("pet_grooming: the questions stage got no usable reply").And.Contain("after 2 repairs");
        client.Requests.Should().HaveCount(3);
    }

    [Fact]
    public async Task AsksForARepair_WhenTheSchemaStageRowsBreakAForeignKey()
    {
        var orphan = PetGroomingDesign.Schema.Replace("[4, 3, \"Luna\"", "[4, 99, \"Luna\"", StringComparison.Ordinal);
        string[] replies = [PetGroomingDesign.Questions, orphan, .. PetGroomingDesign.Stages().Skip(1)];
        var client = PetGroomingDesign.Client(replies);

        await DesignAsync(client);

        LastUserText(client, 2).Should().Contain("FOREIGN KEY");
    }

    [Fact]
    public async Task Repairs_WhenAnIdHasTwoTypesAcrossTools()
    {
        var stringly = PetGroomingDesign.Implementation.Replace(
            "\"list_owner_pets\", \"description\": \"List an owner's pets.\", \"parameters\": [{\"name\": \"owner_id\", \"type\": \"integer\"",
            "\"list_owner_pets\", \"description\": \"List an owner's pets.\", \"parameters\": [{\"name\": \"owner_id\", \"type\": \"string\"", StringComparison.Ordinal);
        stringly.Should().NotBe(PetGroomingDesign.Implementation);
        var fixedTool = PetGroomingDesign.ToolRepair("""
            {"name": "list_owner_pets", "description": "List an owner's pets.", "parameters": [{"name": "owner_id", "type": "integer", "description": "owner id", "enum": null, "required": true}], "access": "read", "returns": "many", "sql": ["SELECT pet_id, name, species, breed FROM pets WHERE owner_id = :owner_id ORDER BY pet_id"], "preconditions": [], "result_columns": [], "example_arguments": [{"name": "owner_id", "value": 1}]}
            """);
        var client = PetGroomingDesign.Client([.. PetGroomingDesign.Stages(stringly), fixedTool]);

        var spec = await DesignAsync(client);

        LastUserText(client, 6).Should().Contain("'owner_id' has more than one type");
        spec.Tools.Single(t => t.Name == "list_owner_pets").Parameters.GetProperty("properties").GetProperty("owner_id").GetProperty("type").GetString().Should().Be("integer");
    }

    [Fact]
    public async Task ShowsSeedTools_AndAsksAgain_WhenTheToolStageDropsOne()
    {
        var seedTools = SeedToolsFile.Parse("""
            [{"type": "function", "function": {"name": "cancel_appointment", "description": "Cancel an appointment.", "parameters": {"type": "object", "properties": {"appointment_id": {"type": "integer"}}, "required": ["appointment_id"]}}}]
            """, "seed.json");
        var withoutCancel = PetGroomingDesign.Tools.Replace(
            """{"name": "cancel_appointment", "description": "Cancel a booked appointment.", "parameters": [{"name": "appointment_id", "type": "integer", "description": "appointment id", "enum": null, "required": true}]}""",
            """{"name": "list_salon_hours", "description": "The salon's opening hours.", "parameters": []}""");
        var stages = PetGroomingDesign.Stages();
        var client = PetGroomingDesign.Client([stages[0], stages[1], withoutCancel, .. stages.Skip(2)]);

        await DesignAsync(client, request: new DesignRequest("pet grooming", 7) { SeedTools = seedTools });

        LastUserText(client, 0).Should().Contain("Seed tools").And.Contain("\"cancel_appointment\"");
        LastUserText(client, 3).Should().Contain("the seed tool 'cancel_appointment' is missing");
    }

    [Fact]
    public async Task SendsEveryStageItsStrictSchema()
    {
        var broken = PetGroomingDesign.CancelSql.Replace("status", "state", StringComparison.Ordinal);
        var implementation = PetGroomingDesign.Implementation.Replace(PetGroomingDesign.CancelSql, broken, StringComparison.Ordinal);
        var client = PetGroomingDesign.Client([.. PetGroomingDesign.Stages(implementation), PetGroomingDesign.CancelRepair(PetGroomingDesign.CancelSql)]);

        await DesignAsync(client);

        client.Requests.Select(r => (r.Options!.ResponseFormat as ChatResponseFormatJson)?.SchemaName).Should()
            .Equal("design_questions", "design_schema", "design_tools", "design_expand", "design_sql", "design_usage", "design_repair");
        client.Requests.Should().OnlyContain(r => r.Options!.RawRepresentationFactory != null, "strict: true travels in the raw options");
    }

    [Fact]
    public async Task AsksAgain_WhenAToolNameBreaksThePattern()
    {
        var stages = PetGroomingDesign.Stages();
        var camel = stages[2].Replace("\"find_owner_by_email\"", "\"FindOwner\"", StringComparison.Ordinal);
        var client = PetGroomingDesign.Client([stages[0], stages[1], camel, .. stages.Skip(2)]);

        await DesignAsync(client);

        LastUserText(client, 3).Should().Contain("does not match the schema").And.Contain("/tools/0/name");
    }

    [Fact]
    public async Task RejectsAnEmptyDomainName()
    {
        var design = () => DesignAsync(new ScriptedChatClient(), request: new DesignRequest(" -- ", 1));

        (await design.Should().ThrowAsync<ParleyException>()).Which.Code.Should().Be("invalid_option");
    }
}
