using Parley.Design;
using Parley.Environments;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Design;

public sealed class ExistingDatabaseTests
{
    [Fact]
    public void ReadsTheSchemaAndEveryRow_FromASqliteFile()
    {
        using var folder = new TempDirectory();

        var db = ExistingDatabase.Load(ConcertSinger.WriteDatabase(folder));

        db.Schema.Should().Contain("CREATE TABLE stadium").And.Contain("CREATE TABLE singer_in_concert");
        db.Data.Keys.Should().BeEquivalentTo(["stadium", "singer", "concert", "singer_in_concert"]);
        db.Data["singer"].Rows.Should().HaveCount(4);
        db.Data["singer"].Rows[0].Should().Equal(1L, "Joe Sharp", "Netherlands", "You", 52L);
        db.HasRows.Should().BeTrue();
    }

    [Fact]
    public void KeepsTheFirstRowsOfEachTable_AndBringsTheRowsTheyReference()
    {
        using var folder = new TempDirectory();

        var db = ExistingDatabase.Load(ConcertSinger.WriteDatabase(folder), maxRowsPerTable: 2);

        db.Data["concert"].Rows.Select(r => r[0]).Should().Equal(1L, 2L);
        // The first two lines are (1,2) and (1,3): singer 3 comes along with them.
        db.Data["singer_in_concert"].Rows.Should().HaveCount(2);
        db.Data["singer"].Rows.Select(r => r[0]).Should().Equal(1L, 2L, 3L);
        db.Data["stadium"].Rows.Select(r => r[0]).Should().Equal(1L, 2L);
        using var env = EnvironmentDatabase.Build(new EnvironmentSpec { Id = "cs", Domain = "cs", Description = "", Schema = db.Schema, Data = db.Data, Tools = [] }, 0);
        env.Data["singer_in_concert"].Rows.Should().HaveCount(2);
    }

    [Fact]
    public void DropsRowsWhoseParentsTheSourceLacks()
    {
        using var folder = new TempDirectory();
        var path = folder.Write("dangling.sql", """
            CREATE TABLE team (id INTEGER PRIMARY KEY, name TEXT);
            CREATE TABLE player (id INTEGER PRIMARY KEY, team_id INTEGER REFERENCES team(id), name TEXT);
            INSERT INTO team VALUES (1, 'Reds');
            INSERT INTO player VALUES (1, 1, 'Ann'), (2, 9, 'Bo');
            """);

        var db = ExistingDatabase.Load(path);

        db.Data["player"].Rows.Should().ContainSingle().Which[2].Should().Be("Ann");
    }

    [Fact]
    public void ReadsAScriptWithATrigger_WhoseBodyUsesCase()
    {
        using var folder = new TempDirectory();
        var path = folder.Write("loyalty.sql", """
            BEGIN TRANSACTION;
            CREATE TABLE member (id INTEGER PRIMARY KEY, points INTEGER NOT NULL, tier TEXT);
            CREATE TRIGGER member_tier AFTER UPDATE OF points ON member BEGIN
              UPDATE member SET tier = CASE WHEN points >= 100 THEN 'gold' ELSE 'basic' END;
            END;
            INSERT INTO member VALUES (1, 20, 'basic');
            UPDATE member SET points = 150 WHERE id = 1;
            COMMIT;
            """);

        var db = ExistingDatabase.Load(path);

        db.Schema.Should().Contain("CREATE TRIGGER member_tier").And.Contain("ELSE 'basic' END;");
        db.Data["member"].Rows.Should().ContainSingle().Which.Should().Equal(1L, 150L, "gold");
    }

    [Fact]
    public void ReadsAScriptWithInserts_AsADatabaseWithRows()
    {
        using var folder = new TempDirectory();

        var db = ExistingDatabase.Load(folder.Write("concert_singer.sql", ConcertSinger.Ddl + ConcertSinger.Inserts));

        db.Data["concert"].Rows.Should().HaveCount(4);
        db.Schema.Should().NotContain("INSERT");
    }

    [Fact]
    public void ReadsADdlOnlyScript_AsASchemaWithoutRows()
    {
        using var folder = new TempDirectory();

        var db = ExistingDatabase.Load(folder.Write("schema.sql", ConcertSinger.Ddl));

        db.HasRows.Should().BeFalse();
        db.Data.Should().HaveCount(4);
    }

    [Fact]
    public void NamesTheFile_WhenItIsNotADatabase()
    {
        using var folder = new TempDirectory();
        var path = folder.Write("notes.db", "this is not a database");

        var load = () => ExistingDatabase.Load(path);

        load.Should().Throw<ParleyException>().Which.Message.Should().Contain(path).And.Contain("not a usable SQLite database");
    }

    [Fact]
    public void NamesTheFile_WhenTheScriptFails()
    {
        using var folder = new TempDirectory();
        var path = folder.Write("broken.sql", "CREATE TABLE t (a INTEGER PRIMARY KEY);\nCREATE TABL u (b);");

        var load = () => ExistingDatabase.Load(path);

        load.Should().Throw<ParleyException>().Which.Message.Should().Contain(path).And.Contain("syntax error");
    }

    [Fact]
    public void ReportsAMissingFile() =>
        FluentActions.Invoking(() => ExistingDatabase.Load("/nonexistent/parley.db")).Should().Throw<ParleyException>().Which.Code.Should().Be("not_found");
}
