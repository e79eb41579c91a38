using Parley.Dialogues;

namespace Parley.Statistics;

/// <summary>Which of a domain's tools the kept dialogues called, and how often.</summary>
/// <param name="Domain">The domain.</param>
/// <param name="Declared">Distinct tools offered to the agent in the domain's dialogues.</param>
/// <param name="Used">Distinct declared tools called at least once.</param>
/// <param name="Calls">Calls per tool, every declared tool included (0 when unused), by tool name (ordinal order).</param>
/// <param name="Unused">Declared tools never called, by name.</param>
public sealed record ToolCoverage(string Domain, int Declared, int Used, IReadOnlyDictionary<string, int> Calls, IReadOnlyList<string> Unused)
{
    /// <summary>Used / declared (0 when nothing is declared).</summary>
    public double Share => Declared == 0 ? 0 : Math.Round((double)Used / Declared, 4);

    /// <summary>The coverage of each domain among <paramref name="kept"/>, by domain name.</summary>
    public static IReadOnlyList<ToolCoverage> Of(IEnumerable<Dialogue> kept) =>
        [.. kept.GroupBy(d => d.Metadata.Domain).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => OfDomain(g.Key, [.. g]))];

    private static ToolCoverage OfDomain(string domain, IReadOnlyList<Dialogue> dialogues)
    {
        var calls = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var declared = dialogues.SelectMany(d => d.Tools).Select(t => t.Function.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var name in declared) calls[name] = 0;
        foreach (var call in dialogues.SelectMany(d => d.Messages).OfType<AssistantMessage>().SelectMany(m => m.ToolCalls ?? []))
        {
            calls[call.Function.Name] = calls.GetValueOrDefault(call.Function.Name) + 1;
        }
        var unused = calls.Where(c => c.Value == 0).Select(c => c.Key).ToList();
        return new ToolCoverage(domain, declared.Count, declared.Count - unused.Count, calls, unused);
    }
}
