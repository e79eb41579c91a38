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
    public static IReadOnlyList<ToolCoverage> Of(IEnumerable<Dialogue> kept)
    {
        var accumulator = new Accumulator();
        foreach (var dialogue in kept) accumulator.Add(dialogue);
        return accumulator.Result();
    }

    /// <summary>The coverage of each domain, added one kept dialogue at a time.</summary>
    internal sealed class Accumulator
    {
        private readonly SortedDictionary<string, (HashSet<string> Declared, Dictionary<string, int> Calls)> _domains = new(StringComparer.Ordinal);

        /// <summary>Adds a kept dialogue.</summary>
        public void Add(Dialogue dialogue)
        {
            if (!_domains.TryGetValue(dialogue.Metadata.Domain, out var domain))
            {
                _domains[dialogue.Metadata.Domain] = domain = (new HashSet<string>(StringComparer.Ordinal), new Dictionary<string, int>(StringComparer.Ordinal));
            }
            foreach (var tool in dialogue.Tools) domain.Declared.Add(tool.Function.Name);
            foreach (var call in dialogue.Messages.OfType<AssistantMessage>().SelectMany(m => m.ToolCalls ?? []))
            {
                domain.Calls[call.Function.Name] = domain.Calls.GetValueOrDefault(call.Function.Name) + 1;
            }
        }

        /// <summary>The coverage of each domain so far, by domain name.</summary>
        public IReadOnlyList<ToolCoverage> Result() => [.. _domains.Select(d => OfDomain(d.Key, d.Value.Declared, d.Value.Calls))];

        private static ToolCoverage OfDomain(string domain, HashSet<string> declared, Dictionary<string, int> made)
        {
            var calls = new SortedDictionary<string, int>(StringComparer.Ordinal);
            foreach (var name in declared) calls[name] = 0;
            foreach (var (name, count) in made) calls[name] = calls.GetValueOrDefault(name) + count;
            var unused = calls.Where(c => c.Value == 0).Select(c => c.Key).ToList();
            return new ToolCoverage(domain, declared.Count, declared.Count - unused.Count, calls, unused);
        }
    }
}
