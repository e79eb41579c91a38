using Parley.Text;

namespace Parley.Llm;

/// <summary>The fully commented example parley.yaml that <c>parley init</c> writes.</summary>
public static class LlmConfigTemplate
{
    /// <summary>The template's text.</summary>
    public static string Text => EmbeddedResources.Read("Parley.Config/parley.yaml");

    /// <summary>Writes the template to <paramref name="path"/>.</summary>
    /// <exception cref="ParleyException">The file exists and <paramref name="overwrite"/> is false.</exception>
    public static void Write(string path, bool overwrite)
    {
        if (File.Exists(path) && !overwrite) throw ParleyException.InvalidOption("init", $"{path} already exists; pass --force to overwrite it");
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder) Directory.CreateDirectory(folder);
        Serialization.AtomicFile.WriteAllText(path, Text);
    }
}
