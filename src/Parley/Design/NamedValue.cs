using System.Text.Json;
using System.Text.Json.Nodes;

namespace Parley.Design;

/// <summary>A name and a JSON value: how a strict schema asks for what is kept as an object of arbitrary keys (arguments).</summary>
internal sealed record NamedValue(string Name, JsonElement Value)
{
    /// <summary>The object <c>{name: value, …}</c> of <paramref name="values"/> (a later duplicate wins).</summary>
    public static JsonElement ToObject(IEnumerable<NamedValue> values)
    {
        var json = new JsonObject();
        foreach (var (name, value) in values) json[name] = JsonNode.Parse(value.GetRawText());
        return JsonElement.Parse(json.ToJsonString());
    }

    /// <summary>The entries of <paramref name="values"/>, each value as JSON.</summary>
    public static IReadOnlyList<NamedValue> From(IEnumerable<KeyValuePair<string, object?>> values) =>
        [.. values.Select(v => new NamedValue(v.Key, Json(v.Value)))];

    // A scenario's argument as read from YAML or JSON: a JSON element, a string or a number.
    private static JsonElement Json(object? value) => value switch
    {
        JsonElement json => json,
        null => JsonElement.Parse("null"),
        string text => JsonElement.Parse(JsonValue.Create(text).ToJsonString()),
        bool flag => JsonElement.Parse(flag ? "true" : "false"),
        long or int or double or decimal => JsonElement.Parse(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!),
        _ => JsonElement.Parse(JsonValue.Create(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "").ToJsonString()),
    };
}
