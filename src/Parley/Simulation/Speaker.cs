using System.Text.Json.Serialization;

namespace Parley.Simulation;

/// <summary>Who acts next in a dialogue.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Speaker>))]
public enum Speaker
{
    /// <summary>The user simulator.</summary>
    [JsonStringEnumMemberName("user")] User,
    /// <summary>The agent.</summary>
    [JsonStringEnumMemberName("agent")] Agent,
    /// <summary>The tool executor, answering the agent's last tool calls.</summary>
    [JsonStringEnumMemberName("tools")] Tools,
    /// <summary>Nobody: the dialogue is over.</summary>
    [JsonStringEnumMemberName("done")] Done,
}
