using Parley.Dialogues;

namespace Parley.Statistics;

/// <summary>How often tool calls failed, of which kinds, and how often the dialogue recovered.</summary>
/// <param name="ToolCalls">Tool results seen.</param>
/// <param name="Errors">Results that were errors (<c>{"error": {...}}</c>).</param>
/// <param name="ErrorRate">Errors / tool calls.</param>
/// <param name="Recovered">Errors followed, later in the same dialogue, by a successful call of the same tool.</param>
/// <param name="RecoveryRate">Recovered / errors (0 when there were none).</param>
/// <param name="DialoguesWithErrors">Dialogues with at least one error.</param>
/// <param name="ByKind">Errors per kind (<c>no_rows</c>, <c>invalid_arguments</c>, …), by kind name.</param>
public sealed record ToolErrorStatistics(int ToolCalls, int Errors, double ErrorRate, int Recovered, double RecoveryRate, int DialoguesWithErrors, IReadOnlyDictionary<string, int> ByKind)
{
    /// <summary>Counts the errors and recoveries of <paramref name="dialogues"/>.</summary>
    public static ToolErrorStatistics Of(IEnumerable<Dialogue> dialogues)
    {
        var accumulator = new Accumulator();
        foreach (var dialogue in dialogues) accumulator.Add(dialogue);
        return accumulator.Result();
    }

    /// <summary>The errors and recoveries, added one dialogue at a time.</summary>
    internal sealed class Accumulator
    {
        private readonly SortedDictionary<string, int> _kinds = new(StringComparer.Ordinal);
        private int _calls, _errors, _recovered, _withErrors;

        /// <summary>Adds a dialogue.</summary>
        public void Add(Dialogue dialogue)
        {
            var pending = new Dictionary<string, int>(StringComparer.Ordinal);
            var any = false;
            foreach (var result in dialogue.Messages.OfType<ToolMessage>())
            {
                _calls++;
                if (result.ErrorKind is { } errorKind)
                {
                    _errors++;
                    any = true;
                    pending[result.Name] = pending.GetValueOrDefault(result.Name) + 1;
                    var kind = errorKind.Name();
                    _kinds[kind] = _kinds.GetValueOrDefault(kind) + 1;
                }
                else if (pending.Remove(result.Name, out var waiting))
                {
                    _recovered += waiting;
                }
            }
            if (any) _withErrors++;
        }

        /// <summary>The statistics so far.</summary>
        public ToolErrorStatistics Result() =>
            new(_calls, _errors, Rate(_errors, _calls), _recovered, Rate(_recovered, _errors), _withErrors, new SortedDictionary<string, int>(_kinds, StringComparer.Ordinal));
    }

    private static double Rate(int part, int whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 4);
}
