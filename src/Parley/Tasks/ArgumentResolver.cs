using System.Globalization;
using System.Text.Json;
using Parley.Serialization;
using Parley.Tools;

namespace Parley.Tasks;

/// <summary>
/// Resolves a planned argument expression against what is known in a conversation: facts the user stated and
/// earlier tool results. The planner and the rule-based agent share it, so a plan is feasible exactly when the
/// agent can carry it out from the conversation alone.
/// </summary>
internal static class ArgumentResolver
{
    /// <summary>Resolves one expression.</summary>
    /// <param name="expression"><c>"{fact}"</c>, <c>"$column"</c>, or a literal.</param>
    /// <param name="stated">Facts the user has stated (name → value).</param>
    /// <param name="filter">Facts used to pick the intended row out of a multi-row result.</param>
    /// <param name="results">Earlier successful tool results, oldest first.</param>
    public static Resolution Resolve(JsonElement expression, IReadOnlyDictionary<string, string> stated,
        IReadOnlyDictionary<string, string> filter, IReadOnlyList<JsonElement> results)
    {
        if (expression.ValueKind != JsonValueKind.String) return Resolution.Literal(expression);
        var text = expression.GetString()!;
        if (text.Length > 2 && text[0] == '{' && text[^1] == '}' && !text.AsSpan(1, text.Length - 2).ContainsAny('{', '}'))
        {
            var fact = text[1..^1];
            if (stated.TryGetValue(fact, out var value)) return Resolution.Stated(fact, value);
            var fromResults = FromResults(fact, filter, results);
            return fromResults.Kind == ResolutionKind.Missing ? fromResults with { Kind = ResolutionKind.AskUser } : fromResults;
        }
        if (text.Length > 1 && text[0] == '$')
        {
            return FromResults(text[1..], filter, results);
        }
        return Resolution.Literal(expression);
    }

    /// <summary>The latest result with a column <paramref name="column"/> and a row matching <paramref name="filter"/>, if it names one value.</summary>
    private static Resolution FromResults(string column, IReadOnlyDictionary<string, string> filter, IReadOnlyList<JsonElement> results)
    {
        for (var i = results.Count - 1; i >= 0; i--)
        {
            var any = false;
            var ambiguous = false;
            JsonElement first = default;
            List<JsonElement>? candidates = null;
            foreach (var row in Rows(results[i]))
            {
                if (!row.TryGetProperty(column, out var value)) continue;
                any = true;
                if (!Matches(row, filter)) continue;
                (candidates ??= []).Add(row);
                if (candidates.Count == 1) first = value;
                else ambiguous |= !JsonElement.DeepEquals(first, value);
            }
            // A result in which nothing matches what the user described is not the one they mean: look further back.
            if (!any || candidates is null) continue;
            return ambiguous ? new Resolution(ResolutionKind.Ambiguous, column, default) { Candidates = candidates }
                : new Resolution(ResolutionKind.FromResult, column, first);
        }
        return new Resolution(ResolutionKind.Missing, column, default);
    }

    /// <summary>The row objects of a result (an object is one row, an array is many).</summary>
    public static IEnumerable<JsonElement> Rows(JsonElement result) => result.ValueKind switch
    {
        JsonValueKind.Object => [result],
        JsonValueKind.Array => result.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object),
        _ => [],
    };

    /// <summary>True when every filter fact the row has a column for holds the same value (case-insensitive text).</summary>
    public static bool Matches(JsonElement row, IReadOnlyDictionary<string, string> filter)
    {
        foreach (var (name, value) in filter)
        {
            if (row.TryGetProperty(name, out var cell) && !string.Equals(SqlValue.Text(cell), value, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Converts a stated fact's text to the JSON type the parameter's schema asks for.</summary>
    public static JsonElement Coerce(string value, JsonElement parameterSchema)
    {
        var type = parameterSchema.ValueKind == JsonValueKind.Object && parameterSchema.TryGetProperty("type", out var t) ? t.GetString() : "string";
        var json = type switch
        {
            "integer" when long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => l.ToString(CultureInfo.InvariantCulture),
            "number" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d.ToString("R", CultureInfo.InvariantCulture),
            "boolean" when bool.TryParse(value, out var b) => b ? "true" : "false",
            _ => JsonSerializer.Serialize(value, PrimitiveJsonContext.Relaxed.String),
        };
        return JsonElement.Parse(json);
    }
}

/// <summary>How an argument expression was (or was not) resolved.</summary>
internal enum ResolutionKind
{
    /// <summary>A literal in the plan.</summary>
    Literal,
    /// <summary>A fact the user stated.</summary>
    Stated,
    /// <summary>A value taken from an earlier tool result.</summary>
    FromResult,
    /// <summary>A fact only the user can give: ask for it.</summary>
    AskUser,
    /// <summary>Earlier results hold several candidate values: ask which one.</summary>
    Ambiguous,
    /// <summary>Nothing in the conversation gives the value yet.</summary>
    Missing,
}

/// <summary>The outcome of resolving one expression.</summary>
internal sealed record Resolution(ResolutionKind Kind, string? Name, JsonElement Value)
{
    /// <summary>The rows that made the resolution ambiguous.</summary>
    public IReadOnlyList<JsonElement> Candidates { get; init; } = [];

    /// <summary>True when <see cref="Value"/> holds the argument.</summary>
    public bool IsResolved => Kind is ResolutionKind.Literal or ResolutionKind.Stated or ResolutionKind.FromResult;

    internal static Resolution Literal(JsonElement value) => new(ResolutionKind.Literal, null, value);

    internal static Resolution Stated(string fact, string value) => new(ResolutionKind.Stated, fact, JsonSerializer.SerializeToElement(value, PrimitiveJsonContext.Default.String));
}
