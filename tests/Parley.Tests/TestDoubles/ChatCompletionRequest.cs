using System.Text.Json;

namespace Parley.Tests.TestDoubles;

/// <summary>One POST /v1/chat/completions body as the server received it, with accessors for what tests assert on.</summary>
public sealed record ChatCompletionRequest(int Index, JsonElement Body)
{
    /// <summary>The raw JSON text.</summary>
    public string Json => Body.GetRawText();

    public string? Model => Str("model");

    public bool Stream => Body.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;

    public IReadOnlyList<JsonElement> Messages => Body.TryGetProperty("messages", out var m) ? [.. m.EnumerateArray()] : [];

    /// <summary>The roles of the messages, in order (<c>system</c>, <c>user</c>, <c>assistant</c>, <c>tool</c>).</summary>
    public IReadOnlyList<string> Roles => [.. Messages.Select(m => m.GetProperty("role").GetString()!)];

    /// <summary>The text of the last user message, or "".</summary>
    public string LastUserText => Messages.LastOrDefault(m => m.GetProperty("role").GetString() == "user") is { ValueKind: JsonValueKind.Object } last
        && last.TryGetProperty("content", out var c) ? (c.ValueKind == JsonValueKind.String ? c.GetString()! : c.GetRawText()) : "";

    public JsonElement? Tools => Prop("tools");

    public JsonElement? ToolChoice => Prop("tool_choice");

    public JsonElement? ResponseFormat => Prop("response_format");

    public long? Seed => Prop("seed") is { ValueKind: JsonValueKind.Number } s ? s.GetInt64() : null;

    public double? Temperature => Prop("temperature") is { ValueKind: JsonValueKind.Number } t ? t.GetDouble() : null;

    public double? TopP => Prop("top_p") is { ValueKind: JsonValueKind.Number } t ? t.GetDouble() : null;

    /// <summary><c>max_completion_tokens</c> or <c>max_tokens</c>.</summary>
    public int? MaxTokens => (Prop("max_completion_tokens") ?? Prop("max_tokens")) is { ValueKind: JsonValueKind.Number } m ? m.GetInt32() : null;

    private JsonElement? Prop(string name) => Body.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private string? Str(string name) => Prop(name) is { ValueKind: JsonValueKind.String } s ? s.GetString() : null;
}
