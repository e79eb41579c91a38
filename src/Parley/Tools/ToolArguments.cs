using System.Text.Json;

namespace Parley.Tools;

/// <summary>Parses a tool call's arguments, refusing what would be read one way and bound another.</summary>
internal static class ToolArguments
{
    // Duplicate keys would be validated on the first value and bound with the last.
    private static readonly JsonDocumentOptions Options = new() { AllowDuplicateProperties = false };
    private const string InvalidUnicode = "The arguments hold text that is not valid Unicode (a lone surrogate).";

    /// <summary>
    /// The parsed arguments (<c>{}</c> when blank), or null with <paramref name="problem"/> set when they are not JSON,
    /// repeat a key, or hold a string that is not valid UTF-16 (a lone surrogate).
    /// </summary>
    public static JsonDocument? Parse(string? arguments, out string? problem)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(string.IsNullOrWhiteSpace(arguments) ? "{}" : arguments, Options);
        }
        catch (JsonException e)
        {
            problem = $"The arguments are not valid JSON: {e.Message}";
            return null;
        }
        catch (ArgumentException e)
        {
            problem = $"The arguments are not valid text: {e.Message}";
            return null;
        }
        catch (InvalidOperationException)
        {
            // Checking for duplicate keys unescapes every key, and a key holding a lone surrogate cannot be unescaped.
            problem = InvalidUnicode;
            return null;
        }
        bool valid;
        try
        {
            // Only an escape (\u...) or a surrogate in the text can make invalid UTF-16: skip the walk otherwise.
            valid = !MayHoldSurrogates(arguments ?? "") || IsValidText(document.RootElement);
        }
        catch (InvalidOperationException)
        {
            valid = false; // an escaped lone surrogate ("\ud800") cannot even be transcoded
        }
        if (!valid)
        {
            document.Dispose();
            problem = InvalidUnicode;
            return null;
        }
        problem = null;
        return document;
    }

    private static bool MayHoldSurrogates(string text) =>
        text.Contains("\\u", StringComparison.Ordinal) || text.AsSpan().IndexOfAnyInRange('\ud800', '\udfff') >= 0;

    private static bool IsValidText(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (!IsValidString(property.Name) || !IsValidText(property.Value)) return false;
                }
                return true;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (!IsValidText(item)) return false;
                }
                return true;
            case JsonValueKind.String:
                return IsValidString(element.GetString()!);
            default:
                return true;
        }
    }

    private static bool IsValidString(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsSurrogate(text[i])) continue;
            if (!char.IsHighSurrogate(text[i]) || i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1])) return false;
            i++;
        }
        return true;
    }
}
