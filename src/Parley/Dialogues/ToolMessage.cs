using System.Text.Json.Serialization;

namespace Parley.Dialogues;

/// <summary>The result of one tool call, as the agent sees it (JSON text in <see cref="Message.Content"/>).</summary>
public sealed record ToolMessage : Message
{
    private ToolErrorKind? _errorKind;

    /// <summary>The id of the tool call this message answers.</summary>
    [JsonPropertyName("tool_call_id")]
    public required string ToolCallId { get; init; }

    /// <summary>The name of the tool that was called.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>Why the call failed, or null when it succeeded.</summary>
    /// <remarks>
    /// Not written on its own: the failure is in <see cref="Message.Content"/>, <c>{"error": {"kind": ...}}</c>, read once
    /// whenever the content is set (made, loaded or copied). Whoever makes a message from a tool result may set it from the
    /// result, which is what the executor said.
    /// </remarks>
    [JsonIgnore]
    public ToolErrorKind? ErrorKind
    {
        get => _errorKind;
        init => _errorKind = value;
    }

    /// <summary>True when the call failed.</summary>
    [JsonIgnore]
    public bool IsError => _errorKind is not null;

    /// <summary>True when <paramref name="content"/> is a tool failure, <c>{"error": {"kind": ..., "message": ...}}</c>.</summary>
    public static bool IsErrorContent(string? content) => content is not null && content.StartsWith("{\"error\"", StringComparison.Ordinal);

    private protected override void OnContentSet() => _errorKind = ToolErrorKinds.OfContent(Content);
}
