using System.Text.Json.Serialization;

namespace Parley.Export;

/// <summary>
/// One row of the Parquet export: a training sample with its messages as a nested list of structs in the OpenAI chat
/// format (what Hugging Face <c>datasets</c>, TRL and chat templates read as <c>list[dict]</c>) and the tools as a JSON
/// string (tool parameter schemas differ per tool, so no single struct type fits them).
/// </summary>
/// <remarks>Lists are <see cref="List{T}"/> and properties settable because Parquet.Net's class serializer needs both to read rows back; Parley never mutates a row.</remarks>
internal sealed record ParquetRow
{
    /// <summary>The sample id: the dialogue id, or with per-turn samples the dialogue id plus <c>-a</c> and the message index.</summary>
    [JsonPropertyName("id")] public string Id { get; init; } = "";

    /// <summary>The dialogue the sample comes from.</summary>
    [JsonPropertyName("dialogue_id")] public string DialogueId { get; init; } = "";

    /// <summary>The environment's domain.</summary>
    [JsonPropertyName("domain")] public string Domain { get; init; } = "";

    /// <summary>The environment the dialogue ran in.</summary>
    [JsonPropertyName("environment_id")] public string EnvironmentId { get; init; } = "";

    /// <summary><c>user-oriented</c> or <c>task-oriented</c>.</summary>
    [JsonPropertyName("mode")] public string Mode { get; init; } = "";

    /// <summary>The messages, system prompt first, in the OpenAI chat format.</summary>
    [JsonPropertyName("messages")] public List<ParquetMessage> Messages { get; init; } = [];

    /// <summary>The OpenAI <c>tools</c> array, serialised as JSON.</summary>
    [JsonPropertyName("tools")] public string Tools { get; init; } = "[]";

    /// <summary>Messages in the sample except the system prompt.</summary>
    [JsonPropertyName("num_turns")] public int NumTurns { get; init; }

    /// <summary>Tool calls in the sample.</summary>
    [JsonPropertyName("num_tool_calls")] public int NumToolCalls { get; init; }

    /// <summary>Tasks of the dialogue the sample comes from.</summary>
    [JsonPropertyName("num_tasks")] public int NumTasks { get; init; }

    /// <summary><c>passed</c>, <c>failed</c> or <c>unverified</c>.</summary>
    [JsonPropertyName("verdict")] public string Verdict { get; init; } = "";

    /// <summary>Why the dialogue stopped (e.g. <c>user_ended</c>).</summary>
    [JsonPropertyName("termination")] public string Termination { get; init; } = "";

    /// <summary><c>train</c> or <c>validation</c>.</summary>
    [JsonPropertyName("split")] public string Split { get; init; } = "";
}
