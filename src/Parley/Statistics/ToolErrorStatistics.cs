using System.Text.Json;
using Parley.Dialogues;
using Parley.Tools;

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
        int calls = 0, errors = 0, recovered = 0, withErrors = 0;
        var kinds = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var dialogue in dialogues)
        {
            var pending = new Dictionary<string, int>(StringComparer.Ordinal);
            var any = false;
            foreach (var result in dialogue.Messages.OfType<ToolMessage>())
            {
                calls++;
                if (result.ErrorKind is { } errorKind)
                {
                    errors++;
                    any = true;
                    pending[result.Name] = pending.GetValueOrDefault(result.Name) + 1;
                    var kind = errorKind.Name();
                    kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
                }
                else if (pending.Remove(result.Name, out var waiting))
                {
                    recovered += waiting;
                }
            }
            if (any) withErrors++;
        }
        return new ToolErrorStatistics(calls, errors, Rate(errors, calls), recovered, Rate(recovered, errors), withErrors, kinds);
    }

    private static double Rate(int part, int whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 4);
}
