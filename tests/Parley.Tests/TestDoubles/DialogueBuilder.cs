using System.Text.Json;
using Parley.Dialogues;

namespace Parley.Tests.TestDoubles;

/// <summary>Hand-built dialogues for tests that need exact counts: messages in, metadata (counts included) derived.</summary>
public static class DialogueBuilder
{
    private static readonly JsonElement EmptySchema = JsonDocument.Parse("""{"type":"object","properties":{}}""").RootElement.Clone();

    public static Dialogue Of(string id, IEnumerable<Message> messages, string domain = "retail", DialogueMode mode = DialogueMode.UserOriented,
        TerminationReason termination = TerminationReason.UserEnded, int tasks = 1, IReadOnlyList<string>? tools = null, bool passed = true)
    {
        IReadOnlyList<Message> all = [new SystemMessage { Content = "You are a helpful assistant." }, .. messages];
        return new Dialogue
        {
            Id = id,
            Messages = all,
            Tools = [.. (tools ?? []).Select(t => new ToolDefinition(new FunctionDefinition(t, t, EmptySchema)))],
            Metadata = new DialogueMetadata
            {
                EnvironmentId = domain, Domain = domain, Mode = mode, Seed = 0, Index = 0, Tasks = [.. Enumerable.Range(0, tasks).Select(i => $"{id}-t{i}")],
                Engines = new Dictionary<string, string>(), Termination = termination, Counts = DialogueCounts.Of(all, tasks, tasks),
                Verdict = new Verdict([new CheckResult("messages", passed, passed ? null : "broken")]),
            },
        };
    }

    public static UserMessage User(string text) => new() { Content = text };

    public static AssistantMessage Say(string text) => new() { Content = text };

    public static AssistantMessage Call(string callId, string tool, string arguments = "{}") =>
        new() { ToolCalls = [new ToolCall(callId, new FunctionCall(tool, arguments))] };

    public static ToolMessage Result(string callId, string tool, string content = """{"ok":true}""") =>
        new() { ToolCallId = callId, Name = tool, Content = content };

    public static ToolMessage Error(string callId, string tool, string kind = "no_rows") =>
        new() { ToolCallId = callId, Name = tool, Content = $$$"""{"error":{"kind":"{{{kind}}}","message":"failed"}}""" };

    /// <summary>A dialogue whose user says each text in turn and whose agent calls each tool once (with a successful result) after the first message.</summary>
    public static Dialogue Simple(string id, IReadOnlyList<string> userTexts, IReadOnlyList<string>? calls = null, string domain = "retail")
    {
        var messages = new List<Message>();
        for (var i = 0; i < userTexts.Count; i++)
        {
            messages.Add(User(userTexts[i]));
            if (i == 0)
            {
                foreach (var (tool, n) in (calls ?? []).Select((t, n) => (t, n)))
                {
                    messages.Add(Call($"c{n}", tool, """{"id":1}"""));
                    messages.Add(Result($"c{n}", tool));
                }
            }
            messages.Add(Say("Done."));
        }
        return Of(id, messages, domain, tools: calls?.Distinct().ToList());
    }
}
