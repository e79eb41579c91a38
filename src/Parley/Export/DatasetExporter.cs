using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Parley.Dialogues;
using Parley.Serialization;

namespace Parley.Export;

/// <summary>Converts dialogues to the line formats trainers read, one JSON object per dialogue.</summary>
internal static class DatasetExporter
{
    // Every JSON text nested inside a string a model sees (arguments, results, tool lists) is written with the same
    // minimal escaping as the line itself, so no literal \u0027-style escape reaches training text.
    private static readonly JsonSerializerOptions Readable = RelaxedJson.Options;

    /// <summary>Writes <paramref name="dialogues"/> in <paramref name="format"/>, one line each; returns how many were written.</summary>
    /// <param name="dialogues">The dialogues to export.</param>
    /// <param name="format">The target format.</param>
    /// <param name="output">Where the lines go.</param>
    /// <param name="includeReasoning">Keep <c>reasoning_content</c> (OpenAI) or <c>&lt;think&gt;</c> blocks (ShareGPT, Hermes).</param>
    /// <param name="perTurn">
    /// One sample per assistant message (the conversation up to it) instead of one per dialogue; the sample's last
    /// assistant message is its target: OpenAI samples give earlier assistant messages <c>"weight": 0</c> and the target
    /// <c>"weight": 1</c>, Hermes samples do the same on gpt turns, and ShareGPT samples end on the target (LLaMA-Factory's
    /// <c>mask_history: true</c> trains on it alone).
    /// </param>
    public static int Write(IEnumerable<Dialogue> dialogues, ExportFormat format, TextWriter output, bool includeReasoning = false, bool perTurn = false)
    {
        var count = 0;
        foreach (var dialogue in Samples(dialogues, perTurn))
        {
            var line = format switch
            {
                ExportFormat.OpenAi => OpenAi(dialogue, includeReasoning, perTurn),
                ExportFormat.ShareGpt => ShareGpt(dialogue, includeReasoning),
                _ => Hermes(dialogue, includeReasoning, perTurn),
            };
            output.Write(line.ToJsonString(Readable));
            output.Write('\n');
            count++;
        }
        return count;
    }

    /// <summary>
    /// The environments held out to validation among <paramref name="environmentIds"/> (repeats allowed), so no
    /// environment appears on both sides: environments are ordered by a hash of their id and the first
    /// <paramref name="fraction"/> of them (at least one when there are two or more, never all) go to validation.
    /// </summary>
    internal static IReadOnlySet<string> ValidationEnvironments(IEnumerable<string> environmentIds, double fraction)
    {
        var environments = environmentIds.Distinct(StringComparer.Ordinal)
            .OrderBy(id => Determinism.StableSeed.Derive(0, "split:" + id)).ThenBy(id => id, StringComparer.Ordinal).ToList();
        var take = fraction <= 0 || environments.Count < 2 ? 0 : Math.Clamp((int)Math.Ceiling(fraction * environments.Count), 1, environments.Count - 1);
        return environments.Take(take).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The samples to write: each dialogue, or with <paramref name="perTurn"/> each of its prefixes ending in an assistant message.</summary>
    internal static IEnumerable<Dialogue> Samples(IEnumerable<Dialogue> dialogues, bool perTurn) => perTurn ? dialogues.SelectMany(Prefixes) : dialogues;

    /// <summary>The dialogue cut after each assistant message, for turn-level training.</summary>
    private static IEnumerable<Dialogue> Prefixes(Dialogue dialogue) =>
        dialogue.Messages.Select((m, i) => (m, i)).Where(x => x.m is AssistantMessage)
            .Select(x => dialogue with { Id = $"{dialogue.Id}-a{x.i}", Messages = [.. dialogue.Messages.Take(x.i + 1)] });

    private static JsonObject OpenAi(Dialogue dialogue, bool includeReasoning, bool perTurn)
    {
        var messages = new JsonArray();
        var original = dialogue.Metadata?.Augmentation?.OriginalMessages ?? 0; // metadata may be absent on a hand-built dialogue
        var target = LastAssistant(dialogue);
        for (var i = 0; i < dialogue.Messages.Count; i++)
        {
            var message = dialogue.Messages[i];
            // Content is always a string, "" beside tool calls: Qwen3's and DeepSeek's templates fail without it.
            var m = new JsonObject { ["role"] = Role(message), ["content"] = message.Content };
            if (message is AssistantMessage { ToolCalls: { Count: > 0 } calls })
            {
                m["tool_calls"] = new JsonArray([.. calls.Select(c => (JsonNode)new JsonObject
                {
                    ["id"] = c.Id,
                    ["type"] = "function",
                    ["function"] = new JsonObject { ["name"] = c.Function.Name, ["arguments"] = c.Function.Arguments },
                })]);
            }
            if (message is ToolMessage tool) m["tool_call_id"] = tool.ToolCallId;
            if (includeReasoning && message is AssistantMessage { ReasoningContent: { Length: > 0 } reasoning }) m["reasoning_content"] = reasoning;
            // A per-turn sample trains its last reply only; an augmented dialogue's original replies are context, not
            // targets. OpenAI's fine-tuning format masks both by weight 0.
            if (perTurn && message is AssistantMessage) m["weight"] = i == target ? 1 : 0;
            else if (message is AssistantMessage && i >= 1 && i <= original) m["weight"] = 0;
            messages.Add(m);
        }
        return new JsonObject { ["id"] = dialogue.Id, ["messages"] = messages, ["tools"] = Tools(dialogue) };
    }

    private static JsonObject ShareGpt(Dialogue dialogue, bool includeReasoning)
    {
        var turns = new JsonArray();
        foreach (var message in dialogue.Messages.Skip(1))
        {
            switch (message)
            {
                case UserMessage u:
                    turns.Add(Turn("human", u.Content));
                    break;
                case AssistantMessage { ToolCalls: { Count: > 0 } calls } a:
                    // LLaMA-Factory's function_call turn holds only the call(s): text said alongside a call is not kept here
                    // (the OpenAI and Hermes exports keep it).
                    JsonNode call = calls.Count == 1 ? CallObject(calls[0]) : new JsonArray([.. calls.Select(c => (JsonNode)CallObject(c))]);
                    turns.Add(Turn("function_call", Think(a, includeReasoning) + call.ToJsonString(Readable)));
                    break;
                case AssistantMessage a:
                    turns.Add(Turn("gpt", Think(a, includeReasoning) + a.Content));
                    break;
                case ToolMessage t:
                    // Results of parallel calls become one observation, as the format alternates strictly.
                    if (turns.Count > 0 && turns[^1]!["from"]!.GetValue<string>() == "observation")
                    {
                        turns[^1]!["value"] = turns[^1]!["value"]!.GetValue<string>() + "\n" + t.Content;
                    }
                    else
                    {
                        turns.Add(Turn("observation", t.Content));
                    }
                    break;
            }
        }
        return new JsonObject
        {
            ["id"] = dialogue.Id,
            ["conversations"] = turns,
            ["system"] = dialogue.Messages[0].Content,
            ["tools"] = JsonSerializer.Serialize(dialogue.Tools.Select(t => t.Function).ToList(), ExportJsonContext.Relaxed.ListFunctionDefinition),
        };
    }

    private static JsonObject Hermes(Dialogue dialogue, bool includeReasoning, bool perTurn)
    {
        var tools = string.Join("\n", dialogue.Tools.Select(t => JsonSerializer.Serialize(t, DialogueJsonContext.Relaxed.ToolDefinition)));
        var target = LastAssistant(dialogue);
        var system = $"{dialogue.Messages[0].Content}\n\nYou may call one or more functions to assist with the user query. The functions are described in <tools></tools>:\n<tools>\n{tools}\n</tools>\nFor each call, return a JSON object with the function name and arguments within <tool_call></tool_call> tags.";
        var turns = new JsonArray { Turn("system", system) };
        foreach (var (message, index) in dialogue.Messages.Select((m, i) => (m, i)).Skip(1))
        {
            switch (message)
            {
                case UserMessage u:
                    turns.Add(Turn("human", u.Content));
                    break;
                case AssistantMessage a:
                    var text = new StringBuilder(Think(a, includeReasoning)).Append(a.Content);
                    foreach (var call in a.ToolCalls ?? [])
                    {
                        if (text.Length > 0) text.Append('\n');
                        text.Append("<tool_call>\n").Append(CallObject(call).ToJsonString(Readable)).Append("\n</tool_call>");
                    }
                    var turn = Turn("gpt", text.ToString());
                    // axolotl reads a per-turn weight (message_field_training: weight); 0 masks the turn.
                    if (perTurn) turn["weight"] = index == target ? 1 : 0;
                    turns.Add(turn);
                    break;
                case ToolMessage t:
                    var response = new JsonObject { ["name"] = t.Name, ["content"] = ParseOrText(t.Content) }.ToJsonString(Readable);
                    turns.Add(Turn("tool", $"<tool_response>\n{response}\n</tool_response>"));
                    break;
            }
        }
        return new JsonObject { ["id"] = dialogue.Id, ["conversations"] = turns };
    }

    private static JsonArray Tools(Dialogue dialogue) =>
        JsonNode.Parse(JsonSerializer.Serialize(dialogue.Tools, DialogueJsonContext.Default.IReadOnlyListToolDefinition))!.AsArray();

    /// <summary>The index of the dialogue's last assistant message: a per-turn sample's target; -1 when there is none.</summary>
    private static int LastAssistant(Dialogue dialogue)
    {
        for (var i = dialogue.Messages.Count - 1; i >= 0; i--)
        {
            if (dialogue.Messages[i] is AssistantMessage) return i;
        }
        return -1;
    }

    private static JsonObject CallObject(ToolCall call) => new() { ["name"] = call.Function.Name, ["arguments"] = ParseOrText(call.Function.Arguments) };

    private static JsonNode? ParseOrText(string? json)
    {
        try
        {
            return JsonNode.Parse(json ?? "null");
        }
        catch (JsonException)
        {
            return json;
        }
    }

    // LLaMA-Factory's reasoning delimiters ("<think>\n" and "\n</think>\n\n"), which Qwen3's template writes too: with any
    // other closing, LLaMA-Factory's converter cannot strip the block.
    private static string Think(AssistantMessage message, bool include) =>
        include && message.ReasoningContent is { Length: > 0 } r ? $"<think>\n{r.Trim('\n')}\n</think>\n\n" : "";

    private static JsonObject Turn(string from, string value) => new() { ["from"] = from, ["value"] = value };

    private static string Role(Message message) => message switch
    {
        SystemMessage => "system",
        UserMessage => "user",
        AssistantMessage => "assistant",
        _ => "tool",
    };
}

[System.Text.Json.Serialization.JsonSerializable(typeof(List<FunctionDefinition>))]
internal sealed partial class ExportJsonContext : System.Text.Json.Serialization.JsonSerializerContext
{
    internal static ExportJsonContext Relaxed { get; } = new(new JsonSerializerOptions { Encoder = RelaxedJson.Encoder });
}
