using System.Reflection;
using System.Text;

namespace Parley.Text;

/// <summary>The one reader of the files embedded in the Parley assembly (prompts, templates, domains, mappings).</summary>
/// <remarks>Text is read as UTF-8 with line endings normalised to <c>\n</c>, so a checkout with CRLF sends and hashes the same text.</remarks>
internal static class EmbeddedResources
{
    private static readonly Assembly Assembly = typeof(EmbeddedResources).Assembly;

    /// <summary>The embedded file <paramref name="name"/> (its logical name, e.g. <c>Parley.Prompts/judge.md</c>).</summary>
    /// <exception cref="InvalidOperationException">Nothing is embedded under that name (a build mistake, not bad input).</exception>
    public static string Read(string name) => TryRead(name) ?? throw new InvalidOperationException($"'{name}' is not embedded in the Parley assembly");

    /// <summary>The embedded file <paramref name="name"/>, or null when there is none.</summary>
    public static string? TryRead(string name)
    {
        using var stream = Assembly.GetManifestResourceStream(name);
        if (stream is null) return null;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    /// <summary>The logical names starting with <paramref name="prefix"/>, in ordinal order.</summary>
    public static IReadOnlyList<string> Names(string prefix) =>
        [.. Assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal)];
}
