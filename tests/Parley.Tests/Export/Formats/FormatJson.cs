using System.Text.Json;
using System.Text.Json.Nodes;

namespace Parley.Tests.Export.Formats;

/// <summary>JSON helpers shared by the format validators: a problem instead of an exception.</summary>
internal static class FormatJson
{
    /// <summary>The node's string value; null when it is missing or not a string.</summary>
    public static string? Str(JsonNode? node) => node?.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : null;

    /// <summary>The parsed text; null, with a problem added, when it is not JSON.</summary>
    public static JsonNode? Parse(string text, List<string> problems)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            problems.Add($"not JSON: {e.Message}");
            return null;
        }
    }
}
