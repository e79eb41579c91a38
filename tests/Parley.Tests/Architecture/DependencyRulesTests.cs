using Parley.Dialogues;
using Parley.Tests.TestDoubles;

namespace Parley.Tests.Architecture;

/// <summary>
/// The folder rules of the library, checked on the compiled assembly and its source (for constants and doc references,
/// which the IL does not show): data flows one way, so no namespace reaches back into one that uses it, and the data
/// model, the exports and the model-client layers stay free of what they must not know.
/// </summary>
public sealed class DependencyRulesTests
{
    private static readonly NamespaceGraph Graph = NamespaceGraph.Read(typeof(Dialogue).Assembly.Location, "Parley")
        .WithSource(Repository.Path("src", "Parley"));

    [Fact]
    public void HasNoCycle_BetweenNamespaces()
    {
        var cycles = Graph.Cycles();
        cycles.Should().BeEmpty(Describe(cycles.SelectMany(c => c.SelectMany(a => c.Where(b => Graph.UsesOf(a).ContainsKey(b)).Select(b => (a, b))))));
    }

    [Theory]
    [InlineData("Parley.Determinism")]
    [InlineData("Parley.Text")]
    [InlineData("Parley.Serialization")]
    public void UsesNothingOfParley_WhenAFoundation(string node) =>
        Forbidden(node, Graph.Nodes.Except([node, Graph.Root])).Should().BeEmpty();

    // The data model knows only how it is written (its JSON context's relaxed twin uses the one JSON encoder).
    [Fact]
    public void DataModel_UsesOnlySerialization() =>
        Forbidden("Parley.Dialogues", Graph.Nodes.Except(["Parley.Dialogues", "Parley.Serialization", Graph.Root])).Should().BeEmpty();

    [Theory]
    [InlineData("Parley.Export", "Parley.Simulation", "Parley.Tools", "Parley.Llm", "Parley.Tasks", "Parley.Design", "Parley.Generation")]
    [InlineData("Parley.Simulation", "Parley.Generation", "Parley.Export", "Parley.Runs")]
    [InlineData("Parley.Llm", "Parley.Simulation", "Parley.Tasks", "Parley.Verification", "Parley.Design", "Parley.Environments", "Parley.Generation")]
    [InlineData("Parley.Runs", "Parley.Generation", "Parley.Export", "Parley.Reporting", "Parley.Statistics", "Parley.Quality")]
    public void NeverReaches_WhatItMustNotKnow(string node, params string[] forbidden) =>
        Forbidden(node, forbidden).Should().BeEmpty();

    [Fact]
    public void NothingInTheLibrary_ReachesTheCli() =>
        typeof(Dialogue).Assembly.GetReferencedAssemblies().Select(a => a.Name).Should().NotContain("Parley.Cli");

    private static string Forbidden(string node, IEnumerable<string> forbidden) =>
        Describe(forbidden.Where(f => Graph.UsesOf(node).ContainsKey(f)).Select(f => (node, f)));

    private static string Describe(IEnumerable<(string From, string To)> edges) =>
        string.Join("\n", edges.Distinct().Select(e => $"{e.From} → {e.To}: {string.Join("; ", Graph.UsesOf(e.From)[e.To])}"));
}
