using System.Text.Json;
using Microsoft.Extensions.AI;
using Parley.Design;
using Parley.Environments;
using Parley.Llm;
using Parley.Serialization;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Environments;

public sealed class LlmEnvironmentDesignerFromDatabaseTests
{
    private static readonly LlmRoleSettings Settings = new() { Model = "designer-test" };

    private static async Task<EnvironmentSpec> DesignAsync(ScriptedChatClient client, ExistingDatabase db) =>
        await new LlmEnvironmentDesigner(client, Settings).DesignAsync(new DesignRequest("concert_singer", 3) { Database = db }, TestContext.Current.CancellationToken);

    [Fact]
    public async Task KeepsTheExistingSchemaAndRows_AndDesignsToolsOverThem()
    {
        using var folder = new TempDirectory();
        var db = ExistingDatabase.Load(ConcertSinger.WriteDatabase(folder));
        var client = PetGroomingDesign.Client([ConcertSinger.Questions, .. ConcertSinger.ToolStages]);

        var spec = await DesignAsync(client, db);

        spec.Schema.Should().Be(db.Schema);
        spec.Data!.Keys.Should().BeEquivalentTo(db.Data.Keys);
        foreach (var (table, rows) in db.Data) spec.Data[table].Rows.Should().HaveCount(rows.Rows.Count);
        spec.Tools.Select(t => t.Name).Should().EndWith(["get_stadium", "search_singers", "list_concert_singers", "add_singer_to_concert"]);
        client.Requests.Should().HaveCount(5, "no schema stage: the database brings its own");
        client.Requests.SelectMany(r => r.Messages).Where(m => m.Role == ChatRole.User).Should().NotContain(m => m.Text.Contains("Stage 2 of 6"));
        var first = client.Requests[0].Messages.Last().Text;
        first.Should().Contain("EXISTING database").And.Contain("CREATE TABLE singer_in_concert").And.Contain("Joe Sharp");
        (await EnvironmentSelfTest.RunAsync(spec, 3, cancellationToken: TestContext.Current.CancellationToken)).Should().BeEmpty();
    }

    [Fact]
    public async Task StartsFromTheRuleBasedDraft_AndKeepsTheDraftToolsTheModelDidNotReplace()
    {
        using var folder = new TempDirectory();
        var db = ExistingDatabase.Load(ConcertSinger.WriteDatabase(folder));
        var draft = DatabaseEnvironmentDesigner.Design(db, "concert_singer", 3);
        var client = PetGroomingDesign.Client([ConcertSinger.Questions, .. ConcertSinger.ToolStages]);

        var spec = await DesignAsync(client, db);

        var first = client.Requests[0].Messages.Last().Text;
        first.Should().Contain("rule-based draft");
        foreach (var tool in draft.Tools) first.Should().Contain($"\"name\":\"{tool.Name}\"", "the model sees every draft tool");
        first.Should().Contain(JsonSerializer.Serialize(draft.Tools.Single(t => t.Name == "update_stadium_capacity").Sql[0], PrimitiveJsonContext.Relaxed.String), "with its SQL, readable");
        string[] designed = ["get_stadium", "search_singers", "list_concert_singers", "add_singer_to_concert"];
        var kept = draft.Tools.Where(t => !designed.Contains(t.Name)).ToList();
        kept.Should().NotBeEmpty();
        spec.Tools.Select(t => t.Name).Should().Equal([.. kept.Select(t => t.Name), .. designed], "the draft's tools stay unless the model gives one under the same name");
        foreach (var tool in kept) spec.Tools.Single(t => t.Name == tool.Name).Sql.Should().Equal(tool.Sql);
        spec.Tools.Single(t => t.Name == "get_stadium").Sql.Should().NotEqual(draft.Tools.Single(t => t.Name == "get_stadium").Sql, "the model's version replaced the draft's");
        spec.Principal.Should().BeEquivalentTo(draft.Principal, "the model gave no principal, so the draft's stays");
        spec.Policy.Should().Contain("Confirm a line-up change");
        spec.Scenarios.Should().NotBeEmpty().And.AllSatisfy(s => s.Requests.SelectMany(r => r.Calls).Should().AllSatisfy(c => spec.Tools.Should().Contain(t => t.Name == c.Tool)));
        spec.Scenarios.Should().NotContain(s => s.Requests.SelectMany(r => r.Calls).Any(c => designed.Contains(c.Tool)),
            "a draft scenario calling a replaced tool was written for the draft's version");
        (await EnvironmentSelfTest.RunAsync(spec, 3, cancellationToken: TestContext.Current.CancellationToken)).Should().BeEmpty();
    }

    [Fact]
    public async Task AsksForRowsOnly_WhenTheSchemaComesWithoutRows()
    {
        using var folder = new TempDirectory();
        var db = ExistingDatabase.Load(folder.Write("concert_singer.sql", ConcertSinger.Ddl));
        var client = PetGroomingDesign.Client([ConcertSinger.Questions, ConcertSinger.Rows, .. ConcertSinger.ToolStages.SkipLast(1), ConcertSinger.FreshUsage]);

        var spec = await DesignAsync(client, db);

        client.Requests[1].Messages.Last().Text.Should().Contain("rows for the existing schema");
        client.Requests[0].Messages.Last().Text.Should().NotContain("rule-based draft", "without rows there is nothing to write a draft from");
        spec.Schema.Should().Be(db.Schema);
        spec.Data!["singer"].Rows.Should().HaveCount(2);
    }

    [Fact]
    public async Task RefusesARepairThatChangesTheExistingSchema()
    {
        using var folder = new TempDirectory();
        var db = ExistingDatabase.Load(ConcertSinger.WriteDatabase(folder));
        var brokenSearch = ConcertSinger.Implementation.Replace("WHERE Country = :country", "WHERE Nation = :country", StringComparison.Ordinal);
        var inventsATable = """{"tools": [], "remove_tools": [], "schema": "CREATE TABLE singer (Singer_ID INTEGER PRIMARY KEY, Nation TEXT);", "data": null, "principal": null, "policy": null, "scenarios": null}""";
        var fix = PetGroomingDesign.ToolRepair("""
            {"name": "search_singers", "description": "Singers from a country.", "parameters": [{"name": "country", "type": "string", "description": "country", "enum": null, "required": true}], "access": "read", "returns": "many", "sql": ["SELECT Singer_ID AS singer_id, Name AS name FROM singer WHERE Country = :country"], "preconditions": [], "result_columns": [], "example_arguments": [{"name": "country", "value": "France"}]}
            """);
        var client = PetGroomingDesign.Client([ConcertSinger.Questions, ConcertSinger.Tools, ConcertSinger.Expansion, brokenSearch, ConcertSinger.Usage, inventsATable, fix]);

        var spec = await DesignAsync(client, db);

        client.Requests[5].Messages.Last().Text.Should().Contain("no such column: Nation");
        client.Requests[6].Messages.Last().Text.Should().Contain("cannot change");
        spec.Schema.Should().Be(db.Schema);
    }
}
