using System.Text.Json;

namespace Parley.Dialogues;

/// <summary>The one text form of a <see cref="ToolErrorKind"/>, and reading it back from a tool result's JSON.</summary>
public static class ToolErrorKinds
{
    /// <summary>The kind's name as written in a tool result, e.g. <c>no_rows</c>.</summary>
    public static string Name(this ToolErrorKind kind) => JsonSerializer.Serialize(kind, DialogueJsonContext.Default.ToolErrorKind).Trim('"');

    /// <summary>The kind named <paramref name="name"/> (its <see cref="Name"/>); an unknown or missing name is an <see cref="ToolErrorKind.ExecutionError"/>.</summary>
    public static ToolErrorKind Parse(string? name) =>
        Enum.GetValues<ToolErrorKind>().Where(k => k.Name() == name).Select(k => (ToolErrorKind?)k).FirstOrDefault() ?? ToolErrorKind.ExecutionError;

    /// <summary>
    /// The kind of the failure in <paramref name="content"/>, <c>{"error": {"kind": ..., "message": ...}}</c>; null when
    /// the content is not a failure. A failure whose kind is missing or unknown is an <see cref="ToolErrorKind.ExecutionError"/>.
    /// </summary>
    public static ToolErrorKind? OfContent(string? content)
    {
        if (!ToolMessage.IsErrorContent(content)) return null;
        try
        {
            using var json = JsonDocument.Parse(content!);
            return json.RootElement.GetProperty("error") is { ValueKind: JsonValueKind.Object } error
                && error.TryGetProperty("kind", out var kind) && kind.ValueKind == JsonValueKind.String
                ? Parse(kind.GetString()) : ToolErrorKind.ExecutionError;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return ToolErrorKind.ExecutionError;
        }
    }
}
