using System.Text.Json;
using Parley.Dialogues;

namespace Parley.Generation;

/// <summary>
/// Reads conversations to augment, one JSON object per line: OpenAI chat format (<c>{"messages": [{"role", "content"}]}</c>,
/// content a string or a list of text parts) or ShareGPT (<c>{"conversations": [{"from", "value"}]}</c>). Conversations
/// are tool-free: a tool message or a tool call is refused, as is anything other than a system prompt and user and
/// assistant turns.
/// </summary>
internal static class ChatFile
{
    /// <summary>Every chat in <paramref name="path"/>; blank lines are skipped.</summary>
    /// <exception cref="ParleyException">The file is missing, or a line is not a tool-free conversation (the message names the line).</exception>
    public static IReadOnlyList<SourceChat> Load(string path)
    {
        if (!File.Exists(path)) throw ParleyException.NotFound(path, "no such chats file");
        var chats = new List<SourceChat>();
        long line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            try
            {
                using var json = JsonDocument.Parse(text);
                chats.Add(Read(json.RootElement, line) ?? throw ParleyException.InvalidFile($"{path}:{line}", "expected an object with \"messages\" (OpenAI) or \"conversations\" (ShareGPT)"));
            }
            catch (JsonException e)
            {
                throw ParleyException.InvalidFile($"{path}:{line}", $"not JSON: {e.Message}");
            }
            catch (FormatException e)
            {
                throw ParleyException.InvalidFile($"{path}:{line}", e.Message);
            }
        }
        if (chats.Count == 0) throw ParleyException.InvalidFile(path, "no conversations");
        return chats;
    }

    private static SourceChat? Read(JsonElement root, long line)
    {
        if (root.ValueKind != JsonValueKind.Object) return null;
        var (list, format, roleKey, textKey) = root.TryGetProperty("messages", out var m) ? (m, "openai", "role", "content")
            : root.TryGetProperty("conversations", out var c) ? (c, "sharegpt", "from", "value") : default;
        if (format is null) return null;
        if (list.ValueKind != JsonValueKind.Array) throw new FormatException($"\"{(format == "openai" ? "messages" : "conversations")}\" must be a list");
        string? system = null;
        var turns = new List<Message>();
        foreach (var message in list.EnumerateArray())
        {
            if (message.ValueKind != JsonValueKind.Object) throw new FormatException("each message must be an object");
            if (message.TryGetProperty("tool_calls", out var calls) && calls.ValueKind == JsonValueKind.Array && calls.GetArrayLength() > 0) throw new FormatException("has tool calls; only tool-free conversations can be augmented");
            var role = message.TryGetProperty(roleKey, out var r) && r.ValueKind == JsonValueKind.String ? r.GetString()! : throw new FormatException($"a message has no \"{roleKey}\"");
            var content = Content(message, textKey);
            switch (role)
            {
                case "system" when turns.Count == 0 && system is null:
                    system = content;
                    break;
                case "user" or "human":
                    turns.Add(new UserMessage { Content = content });
                    break;
                case "assistant" or "gpt" or "bot" or "model":
                    turns.Add(new AssistantMessage { Content = content });
                    break;
                default:
                    throw new FormatException($"a '{role}' message; only a system prompt first, then user and assistant turns, can be augmented");
            }
        }
        if (turns.Count == 0) throw new FormatException("no user or assistant turns");
        return new SourceChat(line, format, system, turns);
    }

    private static string Content(JsonElement message, string key)
    {
        if (!message.TryGetProperty(key, out var content)) throw new FormatException($"a message has no \"{key}\"");
        if (content.ValueKind == JsonValueKind.String) return content.GetString()!;
        if (content.ValueKind == JsonValueKind.Array)
        {
            // OpenAI content parts: text parts only.
            return string.Concat(content.EnumerateArray().Select(p => p.ValueKind == JsonValueKind.Object && p.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String
                ? t.GetString() : throw new FormatException("only text content parts can be augmented")));
        }
        throw new FormatException($"\"{key}\" must be text");
    }
}
