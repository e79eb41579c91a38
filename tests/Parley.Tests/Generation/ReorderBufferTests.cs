using System.Text;
using Parley.Export;
using Parley.Generation;
using Parley.Runs;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Generation;

public sealed class ReorderBufferTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static FinishedItem Item(long position, int size) => new(position, position, LedgerStates.Kept, "", null, new OutputLines(
        Bytes($"task {position}\n"), Bytes(new string((char)('a' + position % 26), size) + "\n"), [], position % 3 == 0 ? Bytes($"state {position}\n") : []));

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void GivesBackEveryItemUnchanged_InWhateverOrderTheyArrived_HoldingInMemoryUpToTheBudgetAndSpillingTheRest()
    {
        var spill = _temp.Combine("spill");
        using var buffer = new ReorderBuffer(spill, memoryBudget: 1_000);
        var order = new[] { 5, 2, 9, 0, 7, 1, 8, 3, 6, 4 };
        foreach (var position in order) buffer.Add(Item(position, 300));

        buffer.Count.Should().Be(10);
        buffer.Spilled.Should().BeInRange(6, 9, "only about three 300-byte items fit in 1,000 bytes");
        File.Exists(spill).Should().BeTrue();
        buffer.TryTake(10, out _).Should().BeFalse();
        for (var position = 0; position < 10; position++)
        {
            buffer.TryTake(position, out var item).Should().BeTrue();
            item.Should().BeEquivalentTo(Item(position, 300), $"item {position} comes back as it went in");
        }
        buffer.Count.Should().Be(0);
    }

    [Fact]
    public void RemovesASpillFileLeftByAKilledRun_WhenCreated()
    {
        var spill = _temp.Combine("spill");
        File.WriteAllText(spill, "left over");

        using var buffer = new ReorderBuffer(spill, memoryBudget: 1_000);

        File.Exists(spill).Should().BeFalse();
    }

    [Fact]
    public void DeletesItsSpillFile_WhenDisposed()
    {
        var spill = _temp.Combine("spill");
        using (var buffer = new ReorderBuffer(spill, memoryBudget: 0))
        {
            buffer.Add(Item(1, 10));
            File.Exists(spill).Should().BeTrue();
        }
        File.Exists(spill).Should().BeFalse();
    }
}
