using System.Text.Json.Serialization;

namespace Parley.Quality;

/// <summary>What two dialogues are compared on to decide they are near-duplicates.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DuplicateSignal>))]
public enum DuplicateSignal
{
    /// <summary>The words of the user's messages (3-word shingles).</summary>
    [JsonStringEnumMemberName("user")] User,
    /// <summary>The tool-call sequence: tool names with their sorted argument keys (pairs of consecutive calls).</summary>
    [JsonStringEnumMemberName("tools")] Tools,
    /// <summary>Both at once: a pair is a near-duplicate only when its user text and its tool calls each reach the threshold.</summary>
    [JsonStringEnumMemberName("both")] Both,
}
