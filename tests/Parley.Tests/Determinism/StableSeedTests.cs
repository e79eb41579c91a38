using Parley.Determinism;

namespace Parley.Tests.Determinism;

public sealed class StableSeedTests
{
    [Fact]
    public void GivesTheSameIdOnEveryMachine_ForARunSeedAndIndex()
    {
        StableSeed.DialogueId(7, 0).Should().Be("dlg-333bd35f5806-000000");
        StableSeed.DialogueId(7, 42).Should().MatchRegex("^dlg-[0-9a-f]{12}-000042$");
    }

    [Fact]
    public void GivesDifferentIds_WhenModesDiffer()
    {
        var user = Enumerable.Range(0, 50).Select(i => StableSeed.DialogueId(11, i, taskOriented: false)).ToList();
        var task = Enumerable.Range(0, 50).Select(i => StableSeed.DialogueId(11, i, taskOriented: true)).ToList();

        user.Should().Equal(Enumerable.Range(0, 50).Select(i => StableSeed.DialogueId(11, i)));
        user.Intersect(task).Should().BeEmpty();
        task.Should().OnlyContain(id => id.StartsWith("dlg-", StringComparison.Ordinal));
    }

    [Fact]
    public void DerivesDifferentSeeds_ForDifferentLabelsIndexesOrParents()
    {
        var seeds = new[]
        {
            StableSeed.Derive(1, "plan"), StableSeed.Derive(1, "user"), StableSeed.Derive(1, "plan", 1), StableSeed.Derive(2, "plan"),
        };

        seeds.Should().OnlyHaveUniqueItems();
        StableSeed.Derive(1, "plan").Should().Be(StableSeed.Derive(1, "plan"));
    }
}
