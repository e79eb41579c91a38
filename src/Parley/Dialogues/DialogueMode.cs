using System.Text.Json.Serialization;

namespace Parley.Dialogues;

/// <summary>How the simulated user behaves.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DialogueMode>))]
public enum DialogueMode
{
    /// <summary>The user reveals its needs one request at a time and reacts to each result (the method's default).</summary>
    [JsonStringEnumMemberName("user-oriented")] UserOriented,
    /// <summary>The user states the whole goal up front, then only acknowledges (the baseline).</summary>
    [JsonStringEnumMemberName("task-oriented")] TaskOriented,
}
