using Microsoft.Data.Sqlite;
using Parley.Design;

namespace Parley.Tests.TestDoubles;

/// <summary>
/// A folder standing for "the rest of the host" beside a run: a SQLite file with one row (an ATTACH target worth
/// rewriting) and a path where nothing exists yet (a <c>VACUUM INTO</c> target). <see cref="AssertUntouched"/> checks
/// that hostile SQL neither created, changed nor removed anything there.
/// </summary>
public sealed class HostCanary : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly byte[] _bytes;
    private readonly DateTime _written;

    public HostCanary()
    {
        ExistingDatabase = _folder.Combine("ledger.db");
        using (var connection = new SqliteConnection($"Data Source={ExistingDatabase};Pooling=False"))
        {
            connection.Open();
            using var create = connection.CreateCommand();
            create.CommandText = "CREATE TABLE secrets (value TEXT); INSERT INTO secrets VALUES ('do not copy')";
            create.ExecuteNonQuery();
        }
        _bytes = File.ReadAllBytes(ExistingDatabase);
        _written = File.GetLastWriteTimeUtc(ExistingDatabase);
        NewFile = _folder.Combine("stolen.db");
    }

    /// <summary>An existing SQLite file outside the run.</summary>
    public string ExistingDatabase { get; }

    /// <summary>A path outside the run where no file exists.</summary>
    public string NewFile { get; }

    /// <summary>Replaces <c>{existing}</c> and <c>{new}</c> in <paramref name="sql"/> with the canary's paths.</summary>
    public string Fill(string sql) => sql.Replace("{existing}", ExistingDatabase, StringComparison.Ordinal).Replace("{new}", NewFile, StringComparison.Ordinal);

    public void AssertUntouched()
    {
        Directory.GetFileSystemEntries(_folder.Path).Should().Equal([ExistingDatabase], "nothing may be created beside the canary");
        File.ReadAllBytes(ExistingDatabase).Should().Equal(_bytes, "the canary database must not change");
        File.GetLastWriteTimeUtc(ExistingDatabase).Should().Be(_written);
    }

    public void Dispose() => _folder.Dispose();
}
