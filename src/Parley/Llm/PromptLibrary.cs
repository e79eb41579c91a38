using System.Security.Cryptography;
using System.Text;

namespace Parley.Llm;

/// <summary>A versioned prompt: its text and a short content hash recorded in every dialogue's metadata.</summary>
internal sealed record Prompt(string Name, string Text, string Hash)
{
    /// <summary>The prompt with each <c>{key}</c> replaced by its value.</summary>
    public string Render(IReadOnlyDictionary<string, string> values)
    {
        var text = Text;
        foreach (var (key, value) in values) text = text.Replace("{" + key + "}", value, StringComparison.Ordinal);
        return text;
    }
}

/// <summary>The prompts embedded from <c>Llm/Prompts/*.md</c>.</summary>
internal static class PromptLibrary
{
    /// <summary>Loads the embedded prompt <paramref name="name"/> (file name with extension).</summary>
    public static Prompt Get(string name)
    {
        using var stream = typeof(PromptLibrary).Assembly.GetManifestResourceStream("Parley.Prompts/" + name)
            ?? throw new InvalidOperationException($"prompt '{name}' is not embedded");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12];
        return new Prompt(name, text, hash);
    }
}
