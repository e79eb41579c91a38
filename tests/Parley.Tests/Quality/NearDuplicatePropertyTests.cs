using FsCheck;
using FsCheck.Fluent;
using Parley.Dialogues;
using Parley.Quality;
using static Parley.Tests.TestDoubles.DialogueBuilder;

namespace Parley.Tests.Quality;

/// <summary>Properties of near-duplicate detection over generated dialogues (a fixed FsCheck seed, so every run checks the same cases).</summary>
public sealed class NearDuplicatePropertyTests
{
    private static readonly string[] Vocabulary = [.. Enumerable.Range(0, 400).Select(i => $"w{i}")];
    private static readonly string[] ToolNames = ["find_customer", "list_orders", "get_order", "cancel_order", "update_address", "refund"];

    private static readonly Config Checked = Config.QuickThrowOnFailure.WithMaxTest(60)
        .WithReplay(Microsoft.FSharp.Core.FSharpOption<Replay>.Some(new Replay(new Rnd(20261127UL), null)));

    private static Gen<string> Sentence => Gen.ListOf(Gen.Elements(Vocabulary)).Where(w => w.Count > 0).Select(w => string.Join(' ', w));

    private static Gen<Dialogue> Dialogue(string id) =>
        from texts in Gen.NonEmptyListOf(Sentence)
        from calls in Gen.ListOf(Gen.Elements(ToolNames))
        select Simple(id, [.. texts], [.. calls]);

    /// <summary>A dialogue and an edited copy: some user words replaced, so similarities spread over the whole range.</summary>
    private static Gen<Dialogue> Edit(Dialogue original, string id) =>
        from picks in Gen.ListOf(Gen.Elements(Vocabulary))
        select Simple(id, [.. original.Messages.OfType<UserMessage>().Select((m, i) => Replace(m.Content!, picks, i))]);

    private static string Replace(string text, IReadOnlyList<string> picks, int salt)
    {
        var words = text.Split(' ');
        for (var k = 0; k < picks.Count; k++) words[(k * 7 + salt) % words.Length] = picks[k];
        return string.Join(' ', words);
    }

    [Fact]
    public void ADialogueIsAlwaysInOneClusterWithItsCopy()
    {
        var cases = from d in Dialogue("original")
                    from others in Gen.ListOf(Dialogue("other"), 5)
                    from threshold in Gen.Choose(1, 100).Select(t => t / 100.0)
                    from signal in Gen.Elements(DuplicateSignal.User, DuplicateSignal.Both)
                    select (d, others, threshold, signal);

        Check.One(Checked, Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var (d, others, threshold, signal) = c;
            if (signal == DuplicateSignal.Both && d.Metadata.Counts.ToolCalls == 0) return true; // nothing to compare
            var input = others.Select((o, i) => o with { Id = $"other{i}" }).Prepend(d).Append(d with { Id = "copy" }).ToList();
            var report = NearDuplicateDetector.Find(input, new DeduplicationOptions { Threshold = threshold, By = signal });
            return report.Clusters.Any(k => k.Members.Contains("original") && k.Members.Contains("copy"));
        }));
    }

    [Fact]
    public void RaisingTheThresholdOnlySplitsClusters()
    {
        var cases = from bases in Gen.ListOf(Dialogue("base"), 3)
                    from edits in Gen.CollectToList(bases.SelectMany((b, i) => Enumerable.Range(0, 4).Select(k => Edit(b, $"e{i}-{k}"))))
                    from low in Gen.Choose(30, 95)
                    from step in Gen.Choose(1, 30)
                    select (bases.Select((b, i) => b with { Id = $"b{i}" }).Concat(edits).ToList(), low / 100.0, Math.Min(1.0, (low + step) / 100.0));

        Check.One(Checked, Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var (dialogues, low, high) = c;
            var loose = NearDuplicateDetector.Find(dialogues, new DeduplicationOptions { Threshold = low });
            var strict = NearDuplicateDetector.Find(dialogues, new DeduplicationOptions { Threshold = high });
            var clusterOf = loose.Clusters.SelectMany(k => k.Members.Select(m => (m, k.Representative))).ToDictionary(x => x.m, x => x.Representative);
            return strict.Duplicates <= loose.Duplicates
                && strict.Clusters.All(k => k.Members.All(m => clusterOf.TryGetValue(m, out var r) && r == clusterOf[k.Members[0]]));
        }));
    }
}
