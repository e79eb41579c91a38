using System.Security.Cryptography;
using System.Text;
using Parley.Text;

namespace Parley.Llm;

/// <summary>A versioned prompt: its text and a short content hash recorded in every dialogue's metadata.</summary>
internal sealed record Prompt(string Name, string Text, string Hash)
{
    /// <summary><c>name@hash</c>, as recorded in metadata, the ledger and the manifest.</summary>
    public string Tag => $"{Name}@{Hash}";

    /// <summary>The prompt with each <c>{key}</c> replaced by its value.</summary>
    /// <exception cref="InvalidOperationException">The prompt names a placeholder that <paramref name="values"/> lacks.</exception>
    public string Render(IReadOnlyDictionary<string, string> values) => Placeholders.Render(Text, values, Name);
}

/// <summary>The prompts embedded from <c>Llm/Prompts/*.md</c>.</summary>
internal static class PromptLibrary
{
    /// <summary>Loads the embedded prompt <paramref name="name"/> (file name with extension).</summary>
    public static Prompt Get(string name)
    {
        var text = EmbeddedResources.Read("Parley.Prompts/" + name);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12];
        return new Prompt(name, text, hash);
    }
}
