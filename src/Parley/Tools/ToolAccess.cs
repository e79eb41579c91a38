using System.Text.Json.Serialization;

namespace Parley.Tools;

/// <summary>Whether a tool only reads or also writes the environment's state.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ToolAccess>))]
public enum ToolAccess
{
    /// <summary>Reads only; safe to call without confirmation.</summary>
    [JsonStringEnumMemberName("read")] Read,
    /// <summary>Changes state; an agent confirms before calling it.</summary>
    [JsonStringEnumMemberName("write")] Write,
}
