using System.Text.Json;
using System.Text.RegularExpressions;
using Parley.Determinism;
using Parley.Dialogues;
using Parley.Serialization;
using Parley.Tasks;
using Parley.Tools;

namespace Parley.Simulation;

internal sealed partial class OracleAgent
{
    /// <summary>How often the agent makes independent look-ups at once rather than one after another.</summary>
    private const double ParallelChance = 0.85;

    /// <summary>
    /// Look-ups the user has already asked for that can run beside <paramref name="first"/> (parallel tool calls): the
    /// first calls of the requests queued behind the head, as long as no write comes before them, each read-only and
    /// with every argument known now and not something <paramref name="first"/> could return. When the agent reaches
    /// those requests, it finds their results already there (<see cref="EarlierResult"/>) and calls nothing again.
    /// </summary>
    private static List<ToolCall> IndependentReads(AgentView view, AgentState state, ToolSpec first, string firstArguments, List<JsonElement> results, SeededRandom rng)
    {
        if (!view.ParallelToolCalls) return [];
        var head = state.Queue[0];
        var plan = PlanOf(view);
        if (plan.Calls(head.Key).Skip(state.CallIndex + 1).Any(c => !IsRead(view, c.Tool))) return [];
        var seen = new HashSet<string>(StringComparer.Ordinal) { first.Name + "\u001f" + firstArguments };
        var reads = new List<FunctionCall>();
        foreach (var request in state.Queue.Skip(1))
        {
            if (plan.Calls(request.Key) is not { Count: > 0 } calls || calls.Any(c => !IsRead(view, c.Tool))) break;
            if (!view.Tools.TryGet(calls[0].Tool, out var tool) || Arguments(calls[0], tool, state, request, results, first) is not { } json) break;
            // Who the user is, found by the dialogue's first call, is taken from there when the request gets its turn, not found again.
            var identifies = calls.Count > 1 && Identification(view, tool.Name, json) is not null;
            if (seen.Add(tool.Name + "\u001f" + json) && EarlierResult(view, tool.Name, json) is null && !identifies) reads.Add(new FunctionCall(tool.Name, json));
        }
        if (reads.Count == 0 || !rng.Chance(ParallelChance)) return [];
        return [.. reads.Select(r => new ToolCall(ToolCallId.New(rng), r))];
    }

    /// <summary>The call's arguments as the agent will resolve them once <paramref name="request"/> is at the head, or null when one is not known yet.</summary>
    private static string? Arguments(PlannedCall planned, ToolSpec tool, AgentState state, DialogueAct request, List<JsonElement> results, ToolSpec first)
    {
        var stated = StatedFor(state, request.Task);
        var mentions = request.Mentions ?? new Dictionary<string, string>();
        var arguments = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (name, expression) in planned.Args)
        {
            var resolution = ArgumentResolver.Resolve(expression, stated, mentions, results);
            switch (resolution.Kind)
            {
                case ResolutionKind.Stated:
                    arguments[name] = ArgumentResolver.Coerce(resolution.Value.GetString()!, PropertySchema(tool, name));
                    break;
                case ResolutionKind.Literal:
                    arguments[name] = resolution.Value;
                    break;
                // A value taken from a result depends on the pending call whenever that call may return the column.
                case ResolutionKind.FromResult when !MayReturn(first, resolution.Name!):
                    arguments[name] = resolution.Value;
                    break;
                default:
                    return null;
            }
        }
        return JsonSerializer.Serialize(arguments, PrimitiveJsonContext.Relaxed.DictionaryStringJsonElement);
    }

    private static bool IsRead(AgentView view, string tool) => view.Tools.TryGet(tool, out var spec) && spec.Access == ToolAccess.Read;

    /// <summary>
    /// True when <paramref name="tool"/>'s result may hold <paramref name="column"/>: its result schema names it, or a
    /// SELECT list of its SQL does (or selects every column); SQL this cannot read counts as returning anything.
    /// </summary>
    private static bool MayReturn(ToolSpec tool, string column)
    {
        if (tool.ResultSchema is { } schema && schema.GetRawText().Contains($"\"{column}\"", StringComparison.Ordinal)) return true;
        var word = new Regex($@"\b{Regex.Escape(column)}\b|\*", RegexOptions.IgnoreCase);
        foreach (var sql in tool.Sql)
        {
            var lists = SelectList().Matches(sql);
            if (lists.Count == 0 || lists.Any(m => word.IsMatch(m.Groups[1].Value))) return true;
        }
        return false;
    }

    [GeneratedRegex(@"\bSELECT\b(.*?)\bFROM\b", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex SelectList();
}
