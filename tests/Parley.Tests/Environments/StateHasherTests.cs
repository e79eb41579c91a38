using Parley.Environments;
using Parley.Tools;

namespace Parley.Tests.Environments;

public sealed class StateHasherTests : IDisposable
{
    private static readonly string[] Tables = ["bag", "loose", "t"];
    private readonly SqliteSandbox _template = SqliteSandbox.OpenInMemory();
    private readonly List<SqliteSandbox> _copies = [];

    public StateHasherTests()
    {
        Exec(_template, """
            CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, qty INTEGER, price REAL, note TEXT, data BLOB);
            CREATE TABLE bag (name TEXT, qty INTEGER);
            CREATE TABLE other_bag (name TEXT, qty INTEGER);
            CREATE TABLE loose (v);
            INSERT INTO loose VALUES (3);
            INSERT INTO t VALUES (1, 'apple', 3, 1.25, NULL, x'0102'), (2, 'pear', 5, 0.5, 'ripe', NULL), (3, 'plum', 1, 2.0, 'dark', x'');
            INSERT INTO bag VALUES ('a', 1), ('b', 2), ('a', 1);
            """);
        _template.ResetChanges();
    }

    public void Dispose()
    {
        foreach (var copy in _copies) copy.Dispose();
        _template.Dispose();
    }

    private static void Exec(SqliteSandbox database, string sql)
    {
        using var command = database.Connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private SqliteSandbox Copy(string? sql = null)
    {
        var copy = SqliteSandbox.OpenInMemory();
        _copies.Add(copy);
        _template.CopyTo(copy);
        if (sql is not null) Exec(copy, sql);
        return copy;
    }

    private StateHasher Hasher(bool incremental, params string[] tables) => new(_template, tables.Length > 0 ? tables : Tables, incremental);

    private static string FullScan(SqliteSandbox database, params string[] tables) =>
        new StateHasher(database, tables.Length > 0 ? tables : Tables, incremental: false).Hash(database);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void GivesSameHash_WhenSameRowsAreInsertedInDifferentOrder(bool incremental)
    {
        var hasher = Hasher(incremental);
        var forward = Copy("""
            DELETE FROM t; DELETE FROM bag;
            INSERT INTO t VALUES (1, 'apple', 3, 1.25, NULL, x'0102');
            INSERT INTO t VALUES (2, 'pear', 5, 0.5, 'ripe', NULL);
            INSERT INTO t VALUES (3, 'plum', 1, 2.0, 'dark', x'');
            INSERT INTO bag VALUES ('a', 1), ('b', 2), ('c', 9);
            """);
        var backward = Copy("""
            DELETE FROM t; DELETE FROM bag;
            INSERT INTO bag VALUES ('c', 9), ('b', 2), ('a', 1);
            INSERT INTO t VALUES (3, 'plum', 1, 2.0, 'dark', x'');
            INSERT INTO t VALUES (1, 'apple', 3, 1.25, NULL, x'0102');
            INSERT INTO t VALUES (2, 'pear', 5, 0.5, 'ripe', NULL);
            """);

        hasher.Hash(forward).Should().Be(hasher.Hash(backward));
        hasher.Hash(forward).Should().Be(FullScan(forward));
    }

    [Theory]
    [InlineData(true, "UPDATE t SET qty = 4 WHERE id = 1")]
    [InlineData(true, "UPDATE t SET note = NULL WHERE id = 2")]
    [InlineData(true, "UPDATE t SET note = '' WHERE id = 1")]
    [InlineData(true, "UPDATE loose SET v = 3.0")]
    [InlineData(true, "UPDATE loose SET v = '3'")]
    [InlineData(true, "UPDATE loose SET v = x'03'")]
    [InlineData(true, "UPDATE loose SET v = NULL")]
    [InlineData(true, "UPDATE t SET data = x'0201' WHERE id = 1")]
    [InlineData(true, "UPDATE t SET price = 1.2500001 WHERE id = 1")]
    [InlineData(true, "DELETE FROM t WHERE id = 3")]
    [InlineData(true, "INSERT INTO t VALUES (4, 'fig', 1, 1.0, NULL, NULL)")]
    [InlineData(true, "DELETE FROM bag WHERE rowid = 3")]
    [InlineData(true, "INSERT INTO bag VALUES ('a', 1)")]
    [InlineData(true, "UPDATE bag SET qty = 2 WHERE rowid = 1; UPDATE bag SET qty = 1 WHERE rowid = 2")]
    [InlineData(true, "DELETE FROM bag")]
    [InlineData(false, "UPDATE t SET qty = 4 WHERE id = 1")]
    [InlineData(false, "DELETE FROM t WHERE id = 3")]
    [InlineData(false, "INSERT INTO bag VALUES ('a', 1)")]
    [InlineData(false, "DELETE FROM bag")]
    public void GivesDifferentHash_WhenAnyRowChanges(bool incremental, string change)
    {
        var hasher = Hasher(incremental);
        var original = hasher.Hash(Copy());

        var changed = Copy(change);

        hasher.Hash(changed).Should().NotBe(original);
        hasher.Hash(changed).Should().Be(FullScan(changed));
    }

    [Theory]
    [InlineData(true, "UPDATE t SET qty = 99 WHERE id = 1; UPDATE t SET qty = 3 WHERE id = 1")]
    [InlineData(true, "DELETE FROM t WHERE id = 2; INSERT INTO t VALUES (2, 'pear', 5, 0.5, 'ripe', NULL)")]
    [InlineData(true, "DELETE FROM bag WHERE rowid = 1; INSERT INTO bag VALUES ('a', 1)")]
    [InlineData(true, "INSERT INTO t VALUES (9, 'x', 1, 1, NULL, NULL); DELETE FROM t WHERE id = 9")]
    [InlineData(true, "DELETE FROM bag; INSERT INTO bag VALUES ('a', 1), ('a', 1), ('b', 2)")]
    [InlineData(false, "UPDATE t SET qty = 99 WHERE id = 1; UPDATE t SET qty = 3 WHERE id = 1")]
    [InlineData(false, "DELETE FROM bag WHERE rowid = 1; INSERT INTO bag VALUES ('a', 1)")]
    public void GivesOriginalHash_WhenAChangeIsUndone(bool incremental, string changeThenUndo)
    {
        var hasher = Hasher(incremental);
        var original = hasher.Hash(Copy());

        var undone = Copy(changeThenUndo);

        hasher.Hash(undone).Should().Be(original);
    }

    [Fact]
    public void GivesDifferentHash_WhenARowMovesToAnotherTableWithTheSameColumns()
    {
        var hasher = Hasher(incremental: true, "bag", "other_bag");
        var original = hasher.Hash(Copy());

        var moved = Copy("DELETE FROM bag WHERE rowid = 2; INSERT INTO other_bag VALUES ('b', 2)");

        hasher.Hash(moved).Should().NotBe(original);
    }

    [Fact]
    public void IgnoresTablesItWasNotAskedToHash()
    {
        var hasher = Hasher(incremental: true, "t");
        var original = hasher.Hash(Copy());

        var changed = Copy("INSERT INTO bag VALUES ('z', 26)");

        hasher.Hash(changed).Should().Be(original);
        hasher.Tables.Should().Equal("t");
    }

    [Fact]
    public void AgreesWithFullScan_WhenCopyIsHashedAgainAfterMoreChanges()
    {
        var hasher = Hasher(incremental: true);
        var copy = Copy("UPDATE t SET qty = qty + 1");
        var first = hasher.Hash(copy);

        Exec(copy, "UPDATE t SET qty = qty - 1 WHERE id = 2; INSERT INTO bag VALUES ('q', 7)");

        hasher.Hash(copy).Should().Be(FullScan(copy)).And.NotBe(first);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void HashesATable_WhenItsNameHoldsAQuote(bool incremental)
    {
        Exec(_template, """CREATE TABLE "we""ird" (id INTEGER PRIMARY KEY, v TEXT); INSERT INTO "we""ird" VALUES (1, 'a');""");
        _template.ResetChanges();
        var hasher = Hasher(incremental, "we\"ird");
        var original = hasher.Hash(Copy());

        var changed = Copy("""UPDATE "we""ird" SET v = 'b'""");

        hasher.Hash(changed).Should().NotBe(original).And.Be(FullScan(changed, "we\"ird"));
    }
}
