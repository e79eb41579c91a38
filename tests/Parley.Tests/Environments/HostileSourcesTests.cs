using Parley.Design;
using Parley.Environments;
using Parley.Llm;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Environments;

/// <summary>Hostile SQL from the other ways an environment arrives: an imported database script, and an LLM designer's reply.</summary>
public sealed class HostileSourcesTests : IDisposable
{
    private readonly HostCanary _host = new();
    private readonly TempDirectory _temp = new();

    public void Dispose()
    {
        _host.Dispose();
        _temp.Dispose();
    }

    [Theory]
    [InlineData("CREATE TABLE t (x INTEGER); ATTACH DATABASE '{existing}' AS host; DELETE FROM host.secrets;")]
    [InlineData("CREATE TABLE t (x INTEGER); VACUUM INTO '{new}';")]
    [InlineData("CREATE TABLE t (x INTEGER); SELECT load_extension('libparley_missing_extension');")]
    public void RefusesAnImportedScript_ThatReachesForTheHost(string script)
    {
        var path = _temp.Write("hostile.sql", _host.Fill(script));

        var load = () => ExistingDatabase.Load(path);

        var error = load.Should().Throw<ParleyException>().Which;
        error.Code.Should().Be("invalid_file");
        error.Message.Should().Contain("not allowed in this environment");
        _host.AssertUntouched();
    }

    [Fact(Timeout = 120_000)]
    public void RefusesAnImportedDatabase_WhoseTriggerNeverEnds()
    {
        // Sampling deletes rows past the limit, which fires the file's own triggers.
        var path = _temp.Write("trap.sql", """
            CREATE TABLE t (x INTEGER);
            CREATE TRIGGER trap AFTER DELETE ON t BEGIN
              SELECT count(*) FROM (WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c) SELECT n FROM c);
            END;
            INSERT INTO t VALUES (1), (2), (3);
            """);

        var load = () => ExistingDatabase.Load(path, maxRowsPerTable: 1);

        load.Should().Throw<ParleyException>().Which.Message.Should().Contain("took too long");
    }

    [Fact]
    public void ImportsADump_ThatWrapsItsRowsInATransactionAndSetsPragmas()
    {
        var path = _temp.Write("dump.sql", """
            PRAGMA foreign_keys = ON;
            BEGIN TRANSACTION;
            CREATE TABLE t (x INTEGER PRIMARY KEY, label TEXT);
            INSERT INTO t VALUES (1, 'a;b'), (2, 'c');
            COMMIT;
            """);

        var db = ExistingDatabase.Load(path);

        db.Data["t"].Rows.Should().HaveCount(2);
        db.Data["t"].Rows[0][1].Should().Be("a;b");
    }

    [Theory]
    [InlineData("ATTACH DATABASE '{existing}' AS host; DELETE FROM host.secrets; ")]
    [InlineData("VACUUM INTO '{new}'; ")]
    public async Task RejectsADesignerReply_WhoseSchemaReachesForTheHost_BeforeAnySelfTest(string hostile)
    {
        var schema = PetGroomingDesign.Schema.Replace("\"schema\": \"", "\"schema\": \"" + _host.Fill(hostile), StringComparison.Ordinal);
        schema.Should().NotBe(PetGroomingDesign.Schema);
        var client = PetGroomingDesign.Client([PetGroomingDesign.Questions, schema, schema, schema]);
        var designer = new LlmEnvironmentDesigner(client, new LlmRoleSettings { Model = "designer-test", MaxRepairs = 2 });

        var design = () => designer.DesignAsync(new DesignRequest("Pet Grooming", 7), TestContext.Current.CancellationToken).AsTask();

        var error = (await design.Should().ThrowAsync<ParleyException>()).Which;
        error.Message.Should().Contain("not allowed in this environment");
        client.Requests.Should().HaveCount(4, "the questions, then the schema stage and its two repairs; no later stage ran");
        _host.AssertUntouched();
    }
}
