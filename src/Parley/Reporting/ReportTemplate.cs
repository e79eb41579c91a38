using Parley.Text;

namespace Parley.Reporting;

/// <summary>A template embedded from <c>Reporting/Templates/</c>, with <c>{{key}}</c> placeholders that C# fills with data.</summary>
internal sealed class ReportTemplate
{
    private readonly string _name;
    private readonly string _text;

    private ReportTemplate(string name, string text) => (_name, _text) = (name, text);

    /// <summary>Loads the embedded template <paramref name="name"/> (file name with extension).</summary>
    public static ReportTemplate Get(string name) => new(name, EmbeddedResources.Read("Parley.Reporting/" + name));

    /// <summary>The template with every placeholder replaced; a placeholder without a value is a bug, so it throws.</summary>
    public string Fill(IReadOnlyDictionary<string, string> values) => Placeholders.Render(_text, values, _name, doubled: true);
}
