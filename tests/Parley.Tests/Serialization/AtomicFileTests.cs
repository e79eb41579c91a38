using Parley.Serialization;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Serialization;

public sealed class AtomicFileTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void KeepsThePreviousFileWhole_WhenAWriteFailsHalfway()
    {
        var path = _temp.Write("export.jsonl", "old\n");

        var write = () => AtomicFile.Write(path, stream =>
        {
            stream.Write("new half"u8);
            throw new IOException("No space left on device", 28);
        });

        write.Should().Throw<IOException>();
        File.ReadAllText(path).Should().Be("old\n");
        Directory.GetFiles(_temp.Path).Should().ContainSingle();
    }

    [Fact]
    public async Task ReplacesTheFile_WhenTheWriteCompletes()
    {
        var path = _temp.Write("card.md", "old");

        await AtomicFile.WriteAsync(path, stream => stream.WriteAsync("new"u8.ToArray()).AsTask());

        File.ReadAllText(path).Should().Be("new");
        File.Exists(AtomicFile.TemporaryOf(path)).Should().BeFalse();
    }
}
