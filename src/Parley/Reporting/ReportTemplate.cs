using System.Text;
using System.Text.RegularExpressions;

namespace Parley.Reporting;

/// <summary>A template embedded from <c>Reporting/Templates/</c>, with <c>{{key}}</c> placeholders that C# fills with data.</summary>
internal sealed partial class ReportTemplate
{
    private readonly string _text;

    private ReportTemplate(string text) => _text = text;

    /// <summary>Loads the embedded template <paramref name="name"/> (file name with extension).</summary>
    public static ReportTemplate Get(string name)
    {
        using var stream = typeof(ReportTemplate).Assembly.GetManifestResourceStream("Parley.Reporting/" + name)
            ?? throw new InvalidOperationException($"report template '{name}' is not embedded");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return new ReportTemplate(reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    /// <summary>The template with every placeholder replaced; a placeholder without a value is a bug, so it throws.</summary>
    public string Fill(IReadOnlyDictionary<string, string> values) => Placeholder().Replace(_text, m =>
        values.TryGetValue(m.Groups[1].Value, out var value) ? value : throw new InvalidOperationException($"no value for template placeholder {m.Value}"));

    [GeneratedRegex(@"\{\{([a-z_]+)\}\}")]
    private static partial Regex Placeholder();
}
