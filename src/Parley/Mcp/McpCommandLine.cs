using System.Text;

namespace Parley.Mcp;

/// <summary>
/// A stdio server's command line split the way a shell would (quotes, backslash escapes), with leading
/// <c>NAME=value</c> words taken as environment variables and <c>{scratch}</c> replaced by a given folder.
/// </summary>
internal sealed record McpCommandLine(string Program, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string?> Environment)
{
    /// <summary>The placeholder for the connection's own empty folder.</summary>
    public const string Scratch = "{scratch}";

    /// <summary>Parses <paramref name="line"/>; throws <see cref="ParleyException"/> when it names no program.</summary>
    public static McpCommandLine Parse(string line, string scratch)
    {
        var words = Split(line).Select(w => w.Replace(Scratch, scratch, StringComparison.Ordinal)).ToList();
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        var i = 0;
        for (; i < words.Count && IsAssignment(words[i]); i++)
        {
            var at = words[i].IndexOf('=');
            environment[words[i][..at]] = words[i][(at + 1)..];
        }
        if (i >= words.Count) throw ParleyException.InvalidOption("--from-mcp", $"'{line}' names no program to start");
        return new McpCommandLine(words[i], words.Skip(i + 1).ToList(), environment);
    }

    private static bool IsAssignment(string word)
    {
        var at = word.IndexOf('=');
        return at > 0 && word[..at].All(c => char.IsAsciiLetterOrDigit(c) || c == '_') && !char.IsAsciiDigit(word[0]);
    }

    private static List<string> Split(string line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        char? quote = null;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote is { } q)
            {
                if (c == q) quote = null;
                else if (c == '\\' && q == '"' && i + 1 < line.Length && line[i + 1] is '"' or '\\') word.Append(line[++i]);
                else word.Append(c);
            }
            else if (c is '"' or '\'')
            {
                quote = c;
                inWord = true;
            }
            else if (c == '\\' && i + 1 < line.Length)
            {
                word.Append(line[++i]);
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord) words.Add(word.ToString());
                word.Clear();
                inWord = false;
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }
        if (quote is not null) throw ParleyException.InvalidOption("--from-mcp", $"unclosed quote in '{line}'");
        if (inWord) words.Add(word.ToString());
        return words;
    }
}
