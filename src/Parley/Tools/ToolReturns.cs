using System.Text.Json.Serialization;
using Parley.Dialogues;

namespace Parley.Tools;

/// <summary>How the rows a tool's SQL returns become its JSON result.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ToolReturns>))]
public enum ToolReturns
{
    /// <summary>A JSON array of row objects (possibly empty).</summary>
    [JsonStringEnumMemberName("many")] Many,
    /// <summary>One row object; no row is a <see cref="ToolErrorKind.NoRows"/> error.</summary>
    [JsonStringEnumMemberName("one")] One,
    /// <summary><c>{"status": "ok", "affected_rows": n}</c>.</summary>
    [JsonStringEnumMemberName("none")] None,
}
