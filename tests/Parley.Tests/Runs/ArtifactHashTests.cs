using System.Security.Cryptography;
using System.Text;
using Parley.Export;
using Parley.Generation;
using Parley.Runs;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Runs;

public sealed class ArtifactHashTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void IsTheSha256OfAFilesBytes()
    {
        var file = _temp.Write("domains.txt", "retail\nlibrary\n");

        ArtifactHash.Of(file).Should().Be(Sha256("retail\nlibrary\n"));
    }

    [Fact]
    public void HashesAFolderOfEnvironmentsByTheirContentAndNames()
    {
        _temp.Write("a/retail.json", "{\"id\":\"retail\"}");
        _temp.Write("a/library.json", "{\"id\":\"library\"}");
        var original = ArtifactHash.Of(_temp.Combine("a"));
        _temp.Write("same/library.json", "{\"id\":\"library\"}");
        _temp.Write("same/retail.json", "{\"id\":\"retail\"}");

        ArtifactHash.Of(_temp.Combine("same")).Should().Be(original, "the order files were written in does not matter");
        _temp.Write("a/retail.json", "{\"id\":\"retail2\"}");
        ArtifactHash.Of(_temp.Combine("a")).Should().NotBe(original);
        File.Move(_temp.Combine("same/library.json"), _temp.Combine("same/books.json"));
        ArtifactHash.Of(_temp.Combine("same")).Should().NotBe(original);
    }

    [Fact]
    public void HashesOnlyTheEnvironmentsOfARunFolder()
    {
        _temp.Write($"run/{OutputDirectory.EnvironmentsFolder}/retail.json", "{\"id\":\"retail\"}");
        _temp.Write($"run/{OutputDirectory.DialoguesFile}", "{}\n");
        var before = ArtifactHash.Of(_temp.Combine("run"));

        _temp.Write($"run/{OutputDirectory.DialoguesFile}", "{}\n{}\n");
        _temp.Write($"run/{RunLedger.FileName}", "changed by any reader of the run");

        ArtifactHash.Of(_temp.Combine("run")).Should().Be(before);
        before.Should().Be(Sha256($"{Sha256("{\"id\":\"retail\"}")}  {OutputDirectory.EnvironmentsFolder}/retail.json\n"));
    }

    [Fact]
    public void HashesEveryFileOfADomainFolder()
    {
        _temp.Write("shop/domain.yaml", "description: a shop\n");
        _temp.Write("shop/schema.sql", "CREATE TABLE t (id INTEGER);\n");
        var before = ArtifactHash.Of(_temp.Combine("shop"));

        _temp.Write("shop/policy.md", "Be kind.\n");

        ArtifactHash.Of(_temp.Combine("shop")).Should().NotBe(before);
    }
}
