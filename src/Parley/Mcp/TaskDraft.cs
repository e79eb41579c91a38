using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Tasks;

namespace Parley.Mcp;

/// <summary>A task of an MCP environment before it has run on the scratch server: its kind, its calls, what it creates, and the task it builds on.</summary>
internal sealed record TaskDraft(string Kind, IReadOnlyList<TaskStep> Steps, IReadOnlyList<IReadOnlyDictionary<string, JsonElement>> Created, string? BuildsOn)
{
    /// <summary>The task, with the probe's answer after it as the expected end state.</summary>
    public TaskSpec ToTask(TaskPlanRequest request, string environment, int index, string endState) => new()
    {
        Id = $"{request.DialogueId}-t{index}",
        DialogueId = request.DialogueId,
        Index = index,
        EnvironmentId = environment,
        Scenario = "mcp:" + Kind,
        Goal = Goal(),
        Difficulty = Steps.Count > 1 ? "medium" : "easy",
        SubRequests = [.. Steps.Select((s, i) => new SubRequest
        {
            Goal = $"{Capital(McpToolShapes.Words(s.Tool.Name))}{With(s.Arguments)}.",
            Utterances = Say(s, i),
            Calls = [new PlannedCall(s.Tool.Name, s.Arguments.ToDictionary(a => a.Key, a => JsonElement.Parse(a.Value?.ToJsonString() ?? "null")))],
        })],
        ExpectedActions = [.. Steps.Select((s, i) => new ExpectedAction(s.Tool.Name, JsonElement.Parse(s.Arguments.ToJsonString()), i))],
        ExpectedEndState = endState,
        BuildsOn = BuildsOn,
    };

    private string Goal() => Kind switch
    {
        "create" when Steps.Count > 1 => $"Have something new recorded ({McpToolShapes.Words(Steps[0].Tool.Name)}{With(Steps[0].Arguments)}) and make sure it can be found again with {McpToolShapes.Words(Steps[1].Tool.Name)}.",
        "create" => $"Have something new recorded: {McpToolShapes.Words(Steps[0].Tool.Name)}{With(Steps[0].Arguments)}.",
        "change" when Steps.Count > 1 => $"Have the files changed ({McpToolShapes.Words(Steps[0].Tool.Name)}{With(Steps[0].Arguments)}) and see with {McpToolShapes.Words(Steps[1].Tool.Name)} that it took effect.",
        "change" => $"Have the files changed: {McpToolShapes.Words(Steps[0].Tool.Name)}{With(Steps[0].Arguments)}.",
        "lookup" => $"Find out what {McpToolShapes.Words(Steps[0].Tool.Name)} gives{With(Steps[0].Arguments)}.",
        _ => $"See what {McpToolShapes.Words(Steps[0].Tool.Name)} shows right now.",
    };

    private IReadOnlyList<Utterance> Say(TaskStep step, int index)
    {
        var words = McpToolShapes.Words(step.Tool.Name);
        var details = Describe(step.Arguments);
        string[] texts = (Kind, index) switch
        {
            ("create", 0) => [$"I'd like you to {words} for me, with {details}.", $"Could you {words}? It's {details}."],
            ("create", _) => [$"Now can you {words} with {details}, so I know it's there?", $"Please {words} with {details} to check it was saved."],
            ("change", 0) => [$"Could you {words} for me, with {details}?", $"I need you to {words}: {details}."],
            ("change", _) => [$"Now {words} with {details}, so I can see it worked.", $"Then please {words} with {details} to check it."],
            ("lookup", _) => [$"Can you {words} for {details}?", $"I need you to {words} with {details}, please."],
            _ => [$"Could you {words} for me?", $"Please {words} and tell me what's there."],
        };
        return [.. texts.Select(t => new Utterance(t, []))];
    }

    private static string With(JsonObject arguments) => arguments.Count == 0 ? "" : " with " + Describe(arguments);

    /// <summary>Arguments in words: <c>name "Ada Lovelace 120", entity type "person"</c>; containers are described by their contents.</summary>
    internal static string Describe(JsonNode? node) => node switch
    {
        JsonObject o => string.Join(", ", o.Select(p => IsContainer(p.Value) ? Describe(p.Value) : $"{McpToolShapes.Words(p.Key)} {Describe(p.Value)}")),
        JsonArray a => string.Join(" and ", a.Select(Describe)),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => $"\"{v.GetValue<string>()}\"",
        null => "nothing",
        _ => node.ToJsonString(),
    };

    private static bool IsContainer(JsonNode? node) => node is JsonObject || node is JsonArray { Count: > 0 } items && items.All(i => i is JsonObject);

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
