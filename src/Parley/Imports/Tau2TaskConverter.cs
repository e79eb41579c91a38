using System.Text.Json;
using Parley.Environments;
using Parley.Serialization;
using Parley.Tasks;
using Parley.Tools;

namespace Parley.Imports;

/// <summary>
/// Converts one τ² task into a Parley task: its instructions become the user's goal and known facts (the arguments the
/// mapping names whose values the instructions contain), its expected actions become sub-requests — one per write, each
/// with the reads before it — with planned calls (a known fact as <c>{fact}</c>, anything else as the literal the agent
/// must find with its tools). The expected end state is filled in by replaying the actions.
/// </summary>
internal static class Tau2TaskConverter
{
    /// <summary>The task's expected actions the environment has tools for (the mapping's dropped tools left out), or why there are none.</summary>
    public static (List<(string Tool, JsonElement Arguments)>? Actions, string? Problem) Actions(JsonElement task, EnvironmentDatabase env, TaskMapping mapping)
    {
        if (!task.TryGetProperty("evaluation_criteria", out var criteria) || !criteria.TryGetProperty("actions", out var list) || list.ValueKind != JsonValueKind.Array)
            return (null, "no evaluation_criteria.actions");
        var actions = new List<(string Tool, JsonElement Arguments)>();
        foreach (var action in list.EnumerateArray())
        {
            var name = Tau2Importer.Text(action, "name") ?? "";
            if (mapping.DropTools.Contains(name)) continue;
            if (!env.Tools.TryGet(name, out _)) return (null, $"uses the tool '{name}', which has no SQL counterpart");
            actions.Add((name, action.TryGetProperty("arguments", out var args) && args.ValueKind == JsonValueKind.Object ? args.Clone() : JsonElement.Parse("{}")));
        }
        return actions.Count == 0 ? (null, "no action the database can see: success depends only on what the agent says or refuses") : (actions, null);
    }

    /// <summary>The Parley task over <paramref name="actions"/> (those that succeed when replayed), reaching <paramref name="endState"/>.</summary>
    public static TaskSpec Convert(JsonElement task, string taskId, EnvironmentDatabase env, TaskMapping mapping, List<(string Tool, JsonElement Arguments)> actions, string endState)
    {
        var instructions = task.TryGetProperty("user_scenario", out var scenario) && scenario.TryGetProperty("instructions", out var i) && i.ValueKind == JsonValueKind.Object ? i : default;
        var reason = Tau2Importer.Text(instructions, "reason_for_call") ?? "";
        var text = string.Join("\n", new[] { "reason_for_call", "known_info", "task_instructions" }.Select(n => Tau2Importer.Text(instructions, n)).OfType<string>());

        var facts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (_, args) in actions)
        {
            foreach (var arg in args.EnumerateObject())
            {
                if (mapping.Facts.Contains(arg.Name) && arg.Value.ValueKind == JsonValueKind.String && arg.Value.GetString() is { Length: > 0 } value
                    && text.Contains(value, StringComparison.OrdinalIgnoreCase)) facts.TryAdd(arg.Name, value);
            }
        }

        var segments = new List<List<(string Tool, JsonElement Arguments)>> { new() };
        foreach (var action in actions)
        {
            segments[^1].Add(action);
            if (IsWrite(env, action.Tool)) segments.Add([]);
        }
        if (segments[^1].Count == 0) segments.RemoveAt(segments.Count - 1);
        else if (segments.Count > 1 && !segments[^1].Any(a => IsWrite(env, a.Tool)))
        {
            // Reads after the last write belong to it (looking the result up again).
            segments[^2].AddRange(segments[^1]);
            segments.RemoveAt(segments.Count - 1);
        }

        var dialogueId = $"{env.Spec.Id}-{taskId}";
        var subRequests = new List<SubRequest>();
        var expected = new List<ExpectedAction>();
        for (var r = 0; r < segments.Count; r++)
        {
            var segment = segments[r];
            var last = segment[^1];
            var templates = IsWrite(env, last.Tool) && mapping.Say.TryGetValue(last.Tool, out var say) ? say : [mapping.Opening];
            var utterances = templates.Select(t => Utter(t, last.Arguments, facts)).ToList();
            subRequests.Add(new SubRequest
            {
                Goal = r == 0 && reason.Length > 0 && segments.Count == 1 ? reason : utterances[0].Text,
                Utterances = utterances,
                Calls = [.. segment.Select(a => new PlannedCall(a.Tool, Plan(a.Arguments, facts)))],
            });
            expected.AddRange(segment.Select(a => new ExpectedAction(a.Tool, a.Arguments, r)));
        }
        return new TaskSpec
        {
            Id = dialogueId + "-t0",
            DialogueId = dialogueId,
            EnvironmentId = env.Spec.Id,
            Scenario = "tau2:" + taskId,
            Goal = reason.Length > 0 ? reason : subRequests[0].Goal,
            Difficulty = actions.Count <= 2 ? "easy" : actions.Count <= 6 ? "medium" : "hard",
            SubRequests = subRequests,
            UserFacts = facts,
            ExpectedActions = expected,
            ExpectedEndState = endState,
        };
    }

    private static bool IsWrite(EnvironmentDatabase env, string tool) => env.Tools.TryGet(tool, out var spec) && spec.Access == ToolAccess.Write;

    private static Dictionary<string, JsonElement> Plan(JsonElement arguments, Dictionary<string, string> facts) =>
        arguments.EnumerateObject().ToDictionary(
            a => a.Name,
            a => facts.TryGetValue(a.Name, out var fact) && a.Value.ValueKind == JsonValueKind.String && a.Value.GetString() == fact
                ? JsonSerializer.SerializeToElement("{" + a.Name + "}", PrimitiveJsonContext.Default.String)
                : a.Value,
            StringComparer.Ordinal);

    private static Utterance Utter(string template, JsonElement arguments, Dictionary<string, string> facts)
    {
        var mentions = new List<string>();
        var filled = Text.Placeholders.Fill(template, name =>
        {
            if (!arguments.TryGetProperty(name, out var value)) return "it";
            if (facts.TryGetValue(name, out var fact) && value.ValueKind == JsonValueKind.String && value.GetString() == fact) mentions.Add(name);
            return value.ValueKind == JsonValueKind.Array
                ? string.Join(", ", value.EnumerateArray().Select(v => SqlValue.Text(v)))
                : SqlValue.Text(value);
        })!;
        return new Utterance(filled, mentions);
    }
}
