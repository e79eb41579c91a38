using System.Text.Json.Nodes;
using Parley.Dialogues;

namespace Parley.Tools;

/// <summary>The outcome of a tool call: the JSON the agent sees, and the error kind when it failed.</summary>
public sealed record ToolResult
{
    /// <summary>The JSON text returned to the agent.</summary>
    public required string Content { get; init; }

    /// <summary>Why the call failed, or null on success.</summary>
    public ToolErrorKind? Error { get; init; }

    /// <summary>True when the call succeeded.</summary>
    public bool IsSuccess => Error is null;

    /// <summary>A successful result carrying <paramref name="json"/>.</summary>
    public static ToolResult Success(string json) => new() { Content = json };

    /// <summary>A failed result: <c>{"error": {"kind": ..., "message": ...}}</c>.</summary>
    public static ToolResult Failure(ToolErrorKind kind, string message)
    {
        var body = new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["kind"] = kind.Name(),
                ["message"] = message,
            },
        };
        return new ToolResult { Content = body.ToJsonString(Serialization.RelaxedJson.Options), Error = kind };
    }
}
