using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace Parley.Llm;

/// <summary>A typed reply and what it took to get it.</summary>
internal sealed record StructuredReply<T>(T Value, ChatResponse Response, int Repairs);

/// <summary>
/// Asks a model for JSON of a given shape: sends the JSON Schema as <c>response_format</c> (endpoints that ignore it
/// still get the shape from the prompt), parses leniently (code fences, <c>&lt;think&gt;</c> blocks, prose around the
/// object), validates, and on a bad reply sends the problem back for a bounded number of repairs.
/// </summary>
internal static partial class StructuredOutput
{
    /// <summary>The text sent back with an unusable reply; every role asking for JSON sends it, so each counts it in its prompt hashes.</summary>
    public static PromptFragments Fragments { get; } = PromptFragments.Get("structured-output.yaml");

    /// <summary>Gets a <typeparamref name="T"/> from <paramref name="client"/>; <paramref name="validate"/> returns a problem or null.</summary>
    /// <exception cref="LlmException">The reply stayed empty, refused, truncated or invalid after <paramref name="maxRepairs"/> repairs.</exception>
    public static Task<StructuredReply<T>> GetAsync<T>(IChatClient client, IEnumerable<ChatMessage> messages, JsonTypeInfo<T> type,
        ChatOptions? options = null, Func<T, string?>? validate = null, int maxRepairs = 2, CancellationToken cancellationToken = default) =>
        GetAsync(client, messages, type, options, validate, maxRepairs, cancellationToken, null);

    private static async Task<StructuredReply<T>> GetAsync<T>(IChatClient client, IEnumerable<ChatMessage> messages, JsonTypeInfo<T> type,
        ChatOptions? options, Func<T, string?>? validate, int maxRepairs, CancellationToken cancellationToken, ReplySchema? schema)
    {
        var conversation = messages.ToList();
        options = (options ?? new ChatOptions()).Clone();
        options.ResponseFormat ??= FormatOf(type);
        for (var attempt = 0; ; attempt++)
        {
            var response = await client.GetResponseAsync(conversation, options, cancellationToken);
            var (value, kind, problem) = Parse(response, type, validate, schema);
            // Success is an empty problem: a struct T (JsonElement) is never null, even when parsing failed.
            if (problem.Length == 0) return new StructuredReply<T>(value!, response, attempt);
            if (attempt >= maxRepairs) throw new LlmException(kind, $"{problem} (after {attempt} repair{(attempt == 1 ? "" : "s")})");
            conversation.Add(new ChatMessage(ChatRole.Assistant, response.Text));
            conversation.Add(new ChatMessage(ChatRole.User, Fragments.Render("repair", ("problem", problem))));
        }
    }

    /// <summary>
    /// Gets a <typeparamref name="T"/> whose JSON first matches <paramref name="schema"/> (sent as the response format,
    /// strict when it qualifies), then passes <paramref name="validate"/> (the rules a schema cannot state).
    /// </summary>
    /// <exception cref="LlmException">The reply stayed empty, refused, truncated or invalid after <paramref name="maxRepairs"/> repairs.</exception>
    public static Task<StructuredReply<T>> GetAsync<T>(IChatClient client, IEnumerable<ChatMessage> messages, ReplySchema schema, JsonTypeInfo<T> type,
        ChatOptions? options = null, Func<T, string?>? validate = null, int maxRepairs = 2, CancellationToken cancellationToken = default)
    {
        options = (options ?? new ChatOptions()).Clone();
        schema.Apply(options);
        return GetAsync(client, messages, type, options, validate, maxRepairs, cancellationToken, schema);
    }

    /// <summary>Parses a reply's text as <typeparamref name="T"/>, returning the value or why it is not one.</summary>
    public static (T? Value, LlmFailureKind Kind, string Problem) Parse<T>(ChatResponse response, JsonTypeInfo<T> type, Func<T, string?>? validate = null) =>
        Parse(response, type, validate, null);

    private static (T? Value, LlmFailureKind Kind, string Problem) Parse<T>(ChatResponse response, JsonTypeInfo<T> type, Func<T, string?>? validate, ReplySchema? schema)
    {
        if (response.FinishReason == ChatFinishReason.Length) return (default, LlmFailureKind.Truncated, "the reply was cut off by the token limit");
        if (response.FinishReason == ChatFinishReason.ContentFilter) return (default, LlmFailureKind.ContentFilter, "the reply was blocked by the content filter");
        var text = StripReasoning(response.Text).Text.Trim();
        if (text.Length == 0) return (default, LlmFailureKind.Empty, "the reply was empty");
        var json = ExtractObject(text);
        if (json is null)
        {
            return RefusalPattern().IsMatch(text)
                ? (default, LlmFailureKind.Refusal, "the model declined")
                : (default, LlmFailureKind.InvalidJson, "the reply contained no JSON object");
        }
        T? value;
        try
        {
            if (schema is not null)
            {
                using var document = JsonDocument.Parse(json);
                if (schema.Problem(document.RootElement) is { } mismatch) return (default, LlmFailureKind.InvalidJson, mismatch);
            }
            value = JsonSerializer.Deserialize(json, type);
        }
        catch (JsonException e)
        {
            return (default, LlmFailureKind.InvalidJson, $"the JSON does not match the schema: {e.Message}");
        }
        if (value is null) return (default, LlmFailureKind.InvalidJson, "the JSON was null");
        var invalid = validate?.Invoke(value);
        return invalid is null ? (value, default, "") : (default, LlmFailureKind.InvalidJson, invalid);
    }

    /// <summary>Splits <c>&lt;think&gt;…&lt;/think&gt;</c> reasoning from the text that follows it.</summary>
    public static (string Text, string? Reasoning) StripReasoning(string text)
    {
        var match = ThinkPattern().Match(text);
        if (!match.Success) return (text, null);
        return (text.Remove(match.Index, match.Length).Trim(), match.Groups[1].Value.Trim());
    }

    /// <summary>The outermost JSON object in <paramref name="text"/> (inside a code fence or surrounded by prose), or null.</summary>
    public static string? ExtractObject(string text)
    {
        var start = text.IndexOf('{', StringComparison.Ordinal);
        while (start >= 0)
        {
            var end = ObjectEnd(text, start);
            if (end > start) return text[start..(end + 1)];
            start = text.IndexOf('{', start + 1);
        }
        return null;
    }

    private static int ObjectEnd(string text, int start)
    {
        int depth = 0;
        var inString = false;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\') i++;
                else if (c == '"') inString = false;
                continue;
            }
            if (c == '"') inString = true;
            else if (c == '{') depth++;
            else if (c == '}' && --depth == 0) return i;
        }
        return -1;
    }

    // Built once per reply type: schema generation walks the type's metadata, and every structured call (each LLM user
    // turn) would otherwise repeat it.
    private static readonly ConditionalWeakTable<JsonTypeInfo, ChatResponseFormat> Formats = new();

    private static ChatResponseFormat FormatOf<T>(JsonTypeInfo<T> type) =>
        Formats.GetValue(type, static t => ChatResponseFormat.ForJsonSchema(AIJsonUtilities.CreateJsonSchema(t.Type, serializerOptions: t.Options), t.Type.Name));

    [GeneratedRegex(@"<think>(.*?)</think>", RegexOptions.Singleline)]
    private static partial Regex ThinkPattern();

    [GeneratedRegex(@"^(I'm sorry|I am sorry|I can(no|')t|I won't|I'm unable|I am unable|Sorry, )", RegexOptions.IgnoreCase)]
    private static partial Regex RefusalPattern();
}
