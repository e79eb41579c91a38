using System.Text.Json;
using Parley.Determinism;
using Parley.Dialogues;

namespace Parley.Quality;

/// <summary>
/// The shingle sets dialogues are compared on, as sorted, distinct 32-bit hashes (stable across processes and machines).
/// </summary>
/// <remarks>
/// Hashing shingles to 32 bits keeps 100k dialogues' sets in tens of megabytes; two different shingles of one pair of
/// dialogues collide with probability about 10⁻⁵, which moves a Jaccard value by less than one shingle in a thousand.
/// </remarks>
internal static class Shingles
{
    private const ulong TurnBreak = 0x7E57_0001UL;
    private const ulong SequenceStart = 0x7E57_0002UL, SequenceEnd = 0x7E57_0003UL;

    /// <summary>Shingles of <paramref name="words"/> consecutive words of the user's messages (lower-cased letters and digits; messages are separated).</summary>
    public static uint[] OfUser(Dialogue dialogue, int words)
    {
        var tokens = new List<ulong>();
        foreach (var message in dialogue.Messages)
        {
            if (message is not UserMessage { Content: { Length: > 0 } text }) continue;
            if (tokens.Count > 0) tokens.Add(TurnBreak);
            AddWords(text, tokens);
        }
        return Windows(tokens, words);
    }

    /// <summary>Shingles of <paramref name="calls"/> consecutive tool calls, each call its name and sorted, lower-cased argument keys.</summary>
    public static uint[] OfTools(Dialogue dialogue, int calls)
    {
        var tokens = new List<ulong>();
        foreach (var message in dialogue.Messages)
        {
            if (message is not AssistantMessage { ToolCalls: { Count: > 0 } toolCalls }) continue;
            foreach (var call in toolCalls) tokens.Add(Fnv1a.Hash(CallToken(call.Function)));
        }
        if (tokens.Count == 0) return [];
        // Start and end markers make a sequence's first and last calls count, even in a sequence shorter than a shingle.
        tokens.Insert(0, SequenceStart);
        tokens.Add(SequenceEnd);
        return Windows(tokens, calls);
    }

    /// <summary>|a ∩ b| / |a ∪ b| of two sorted, distinct sets; 0 when both are empty (nothing to compare).</summary>
    public static double Jaccard(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b)
    {
        if (a.Length == 0 || b.Length == 0) return 0;
        int i = 0, j = 0, common = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                common++;
                i++;
                j++;
            }
            else if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }
        return (double)common / (a.Length + b.Length - common);
    }

    /// <summary>The SplitMix64 finaliser: spreads every input bit over the output.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    internal static string CallToken(FunctionCall function)
    {
        var keys = new List<string>();
        try
        {
            using var arguments = JsonDocument.Parse(string.IsNullOrWhiteSpace(function.Arguments) ? "{}" : function.Arguments);
            if (arguments.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in arguments.RootElement.EnumerateObject()) keys.Add(property.Name.Trim().ToLowerInvariant());
            }
        }
        catch (JsonException)
        {
            keys.Add("?");
        }
        keys.Sort(StringComparer.Ordinal);
        return $"{function.Name}({string.Join(',', keys.Distinct(StringComparer.Ordinal))})";
    }

    private static void AddWords(string text, List<ulong> tokens)
    {
        var h = Fnv1a.Basis;
        var inWord = false;
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                h = Fnv1a.Add(h, char.ToLowerInvariant(c));
                inWord = true;
            }
            else if (inWord)
            {
                tokens.Add(h);
                (h, inWord) = (Fnv1a.Basis, false);
            }
        }
        if (inWord) tokens.Add(h);
    }

    /// <summary>Hashes of every window of <paramref name="size"/> tokens (the whole sequence when it is shorter), sorted and distinct.</summary>
    private static uint[] Windows(List<ulong> tokens, int size)
    {
        if (tokens.Count == 0) return [];
        var windows = Math.Max(1, tokens.Count - size + 1);
        var hashes = new uint[windows];
        for (var start = 0; start < windows; start++)
        {
            var h = (ulong)size;
            for (var k = start; k < Math.Min(start + size, tokens.Count); k++) h = Mix(h ^ tokens[k]) + (ulong)(k - start);
            hashes[start] = (uint)(h ^ (h >> 32));
        }
        Array.Sort(hashes);
        var distinct = 1;
        for (var i = 1; i < hashes.Length; i++)
        {
            if (hashes[i] != hashes[distinct - 1]) hashes[distinct++] = hashes[i];
        }
        return distinct == hashes.Length ? hashes : hashes[..distinct];
    }
}
