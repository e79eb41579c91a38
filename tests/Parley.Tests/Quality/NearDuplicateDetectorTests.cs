using Parley.Dialogues;
using Parley.Quality;
using Parley.Runs;
using Parley.Tests.TestDoubles;
using static Parley.Tests.TestDoubles.DialogueBuilder;

namespace Parley.Tests.Quality;

public sealed class NearDuplicateDetectorTests(GeneratedRuns runs)
{
    private static readonly string[] Request =
    [
        "Hello, could you look up my recent orders? My email address is jada.treutel30@example.com and I think there are three of them.",
        "Please cancel the one placed on 2025-06-02, the blue running shoes, because I ordered the wrong size by mistake.",
        "Then change the shipping address of the other open order to 14 Elm Street in Springfield, apartment 3B.",
        "Thanks, that is everything I needed today.",
    ];

    [Fact]
    public void ClustersIdenticalDialogues_KeepingTheFirstAsRepresentative()
    {
        var dialogues = new[] { Simple("a", Request), Simple("other", ["What is the status of ticket 42?", "Thanks."]), Simple("b", Request) };

        var report = NearDuplicateDetector.Find(dialogues, new DeduplicationOptions());

        report.Clusters.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Size = 2, Representative = "a", Members = new[] { "a", "b" }, Similarity = 1.0 });
        report.Clusters[0].Opening.Should().Be(Request[0]);
        report.Duplicates.Should().Be(1);
        report.DuplicateOf().Should().Equal(new Dictionary<string, string> { ["b"] = "a" });
    }

    [Fact]
    public void ClustersNearIdenticalDialogues_WhenOneWordDiffers()
    {
        var changed = Request.ToArray();
        changed[1] = changed[1].Replace("blue", "red", StringComparison.Ordinal);

        var report = NearDuplicateDetector.Find([Simple("a", Request), Simple("b", changed)], new DeduplicationOptions());

        report.Clusters.Should().ContainSingle().Which.Similarity.Should().BeInRange(0.8, 0.99);
    }

    [Fact]
    public void KeepsDifferentDialoguesApart_EvenWithTheSameClosing()
    {
        var other = new[] { "Hi, I want to book a hotel room in Seattle for two guests from 2025-07-04 to 2025-07-05.", "The Lakeshore Hotel please, a standard room.", Request[3] };

        var report = NearDuplicateDetector.Find([Simple("a", Request), Simple("b", other)], new DeduplicationOptions());

        report.Clusters.Should().BeEmpty();
        report.Dialogues.Should().Be(2);
    }

    [Fact]
    public void ComparesToolSequences_IgnoringArgumentValuesAndKeyOrder()
    {
        var a = Of("a", [User("find my bookings"), Call("1", "find_passenger", """{"email":"x@y.z","Tier":"gold"}"""), Result("1", "find_passenger"), Say("ok")]);
        var b = Of("b", [User("something else entirely"), Call("1", "find_passenger", """{"tier":"silver","email":"q@r.s"}"""), Result("1", "find_passenger"), Say("ok")]);
        var c = Of("c", [User("find my bookings"), Call("1", "get_booking", """{"code":"ABC"}"""), Result("1", "get_booking"), Say("ok")]);

        var byTools = NearDuplicateDetector.Find([a, b, c], new DeduplicationOptions { By = DuplicateSignal.Tools });
        var byBoth = NearDuplicateDetector.Find([a, b, c], new DeduplicationOptions { By = DuplicateSignal.Both });
        var byUser = NearDuplicateDetector.Find([a, b, c], new DeduplicationOptions { By = DuplicateSignal.User });

        byTools.Clusters.Should().ContainSingle().Which.Members.Should().Equal("a", "b");
        byBoth.Clusters.Should().BeEmpty("the user text of a and b differs, and the tools of a and c");
        byUser.Clusters.Should().ContainSingle().Which.Members.Should().Equal("a", "c");
    }

    [Fact]
    public void NeverClustersDialogues_WithNothingToCompare()
    {
        var silent = new[] { Of("a", [Say("hello")]), Of("b", [Say("hello")]) };

        NearDuplicateDetector.Find(silent, new DeduplicationOptions()).Clusters.Should().BeEmpty();
        NearDuplicateDetector.Find(silent, new DeduplicationOptions { By = DuplicateSignal.Tools }).Clusters.Should().BeEmpty();
        NearDuplicateDetector.Find([Simple("a", Request), Simple("b", Request)], new DeduplicationOptions { By = DuplicateSignal.Both }).Clusters
            .Should().BeEmpty("with both signals, identical user text is not enough when there are no tool calls to compare");
    }

    [Fact]
    public void LinksEveryRepeatOfASet_AndStillComparesItWithOthers()
    {
        var changed = Request.ToArray();
        changed[2] = changed[2].Replace("Elm", "Oak", StringComparison.Ordinal);
        var dialogues = new[] { Simple("a", Request), Simple("b", Request), Simple("c", Request), Simple("near", changed) };

        var report = NearDuplicateDetector.Find(dialogues, new DeduplicationOptions());

        report.Clusters.Should().ContainSingle().Which.Members.Should().Equal("a", "b", "c", "near");
        report.Clusters[0].Similarity.Should().BeLessThan(1);
    }

    [Fact]
    public void GivesTheSameReport_ForTheSameInputAndSeed()
    {
        var dialogues = Enumerable.Range(0, 30).Select(i => Simple($"d{i}", [Request[i % 3], $"My order number is {i % 4}.", Request[3]])).ToList();

        var first = NearDuplicateDetector.Find(dialogues, new DeduplicationOptions { Threshold = 0.7 });
        var second = NearDuplicateDetector.Find(dialogues, new DeduplicationOptions { Threshold = 0.7 });

        first.Clusters.Should().NotBeEmpty();
        second.Should().BeEquivalentTo(first, o => o.WithStrictOrdering());
        first.Clusters.Select(c => c.Size).Should().BeInDescendingOrder();
        first.Clusters.Should().OnlyContain(c => c.Members[0] == c.Representative && c.Members.Count == c.Size);
    }

    [Fact]
    public async Task FindsTheSameClusters_InARunFolderAsInItsDialogues()
    {
        var run = await runs.RetailAsync();
        var options = new DeduplicationOptions { By = DuplicateSignal.Tools };

        var fromFolder = NearDuplicateDetector.FindInRun(run.Folder, options, TestContext.Current.CancellationToken);

        fromFolder.Should().BeEquivalentTo(NearDuplicateDetector.Find(run.Dialogues, options), o => o.WithStrictOrdering());
        fromFolder.Dialogues.Should().Be(GeneratedRuns.Count);
    }

    [Fact]
    public async Task NamesTheFileAndLine_WhenALineDoesNotParse()
    {
        var run = await runs.RetailAsync();
        using var temp = new TempDirectory();
        var lines = run.Lines(Parley.Runs.OutputDirectory.DialoguesFile).ToList();
        lines.Insert(5, "");
        lines.Insert(7, "{not json");
        temp.Write(Parley.Runs.OutputDirectory.DialoguesFile, string.Join("\n", lines));

        var find = () => NearDuplicateDetector.FindInRun(temp.Path, new DeduplicationOptions(), TestContext.Current.CancellationToken);

        find.Should().Throw<ParleyException>().WithMessage("*dialogues.jsonl: line 8:*").Which.Code.Should().Be("invalid_file");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void RejectsAThreshold_OutsideZeroToOne(double threshold)
    {
        var create = () => new NearDuplicateDetector(new DeduplicationOptions { Threshold = threshold });

        create.Should().Throw<ParleyException>().Which.Code.Should().Be("invalid_option");
    }

    [Fact]
    public void RejectsHashes_ThatDoNotSplitIntoBands()
    {
        var create = () => new NearDuplicateDetector(new DeduplicationOptions { Hashes = 100, Bands = 32 });

        create.Should().Throw<ParleyException>().WithMessage("*bands*");
    }
}
