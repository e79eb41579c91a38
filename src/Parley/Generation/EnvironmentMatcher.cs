using System.Text;
using Parley.Environments;

namespace Parley.Generation;

/// <summary>
/// Picks the environment a conversation is closest to, by words: the chat's words against each environment's domain,
/// tool and parameter names and description. The environment with the most distinct shared words wins; ties and
/// chats that share nothing go round the environments by position, so every environment gets its share.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
internal sealed class EnvironmentMatcher
{
    // Words every environment or chat has, that say nothing about a domain.
    private static readonly HashSet<string> Common = new(StringComparer.Ordinal)
    {
        "the", "and", "for", "with", "your", "you", "get", "list", "search", "find", "update", "add", "one", "all", "are", "was", "this", "that",
        "from", "have", "has", "can", "could", "would", "what", "which", "when", "where", "how", "who", "its", "not", "but", "any", "some", "into",
        "about", "their", "them", "they", "there", "then", "than", "also", "just", "like", "please", "thank", "thanks", "hello", "help", "need",
        "want", "know", "let", "will", "yes", "sure", "name", "names", "detail", "details", "record", "records", "given", "only", "each", "more",
        "new", "change", "id", "ids", "number", "date", "status", "type", "query", "words", "user", "users", "database", "table", "tables", "brought",
        "optionally", "least", "most", "first", "newest", "other", "been", "being", "does", "did", "should", "very", "much", "many", "well", "good",
    };

    private readonly IReadOnlyList<(EnvironmentSpec Spec, HashSet<string> Words)> _environments;

    /// <summary>A matcher over <paramref name="environments"/>, in the order given.</summary>
    public EnvironmentMatcher(IEnumerable<EnvironmentSpec> environments) =>
        _environments = [.. environments.Select(e => (e, Vocabulary(e)))];

    /// <summary>The environment for the chat at <paramref name="position"/>, and the words that matched.</summary>
    public (EnvironmentSpec Environment, IReadOnlyList<string> Matched) Choose(SourceChat chat, long position)
    {
        var words = Words(chat.Text).ToHashSet(StringComparer.Ordinal);
        var scored = _environments.Select((e, i) => (e.Spec, Index: i, Matched: e.Words.Where(words.Contains).Order(StringComparer.Ordinal).ToList())).ToList();
        var best = scored.Max(s => s.Matched.Count);
        var tied = scored.Where(s => s.Matched.Count == best).ToList();
        var chosen = tied[(int)(position % tied.Count)];
        return (chosen.Spec, chosen.Matched);
    }

    private static HashSet<string> Vocabulary(EnvironmentSpec spec)
    {
        var text = new StringBuilder(spec.Domain).Append(' ').Append(spec.Description);
        foreach (var tool in spec.Tools)
        {
            text.Append(' ').Append(tool.Name);
            if (tool.Parameters.TryGetProperty("properties", out var properties)) foreach (var p in properties.EnumerateObject()) text.Append(' ').Append(p.Name);
        }
        return Words(text.ToString()).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Lower-case words of three letters or more, plural 's' dropped, common words left out.</summary>
    private static IEnumerable<string> Words(string text)
    {
        var word = new StringBuilder();
        foreach (var c in text + " ")
        {
            if (char.IsLetter(c))
            {
                word.Append(char.ToLowerInvariant(c));
                continue;
            }
            if (word.Length >= 3)
            {
                var w = word.ToString();
                if (w.Length > 3 && w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal)) w = w[..^1];
                if (!Common.Contains(w)) yield return w;
            }
            word.Clear();
        }
    }
}
