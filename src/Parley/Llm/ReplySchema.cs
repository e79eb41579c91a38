using System.Text.Json;
using Json.Schema;
using Microsoft.Extensions.AI;

namespace Parley.Llm;

/// <summary>
/// The one definition of a structured reply: the JSON Schema sent as <c>response_format</c> (with <c>strict: true</c>
/// when it meets OpenAI's strict rules, <see cref="StrictSchemaRules"/>) is the very schema every reply is validated
/// against before it is read, so what the model is asked for and what Parley accepts cannot drift apart. Rules a schema
/// cannot say (one field consistent with another) stay in the role's own check.
/// </summary>
/// <remarks>Immutable and thread-safe; build one per reply type and share it.</remarks>
internal sealed class ReplySchema
{
    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.List };
    private readonly JsonSchema _compiled;

    /// <summary>A schema named <paramref name="name"/> (a-z, 0-9, _ and -, as response_format names must be) from its JSON text.</summary>
    public ReplySchema(string name, string json)
    {
        Name = name;
        Schema = JsonDocument.Parse(json).RootElement.Clone();
        _compiled = JsonSchema.Build(Schema);
        StrictProblems = StrictSchemaRules.Problems(Schema);
        Format = ChatResponseFormat.ForJsonSchema(Schema, name);
    }

    /// <summary>The schema's name in the request.</summary>
    public string Name { get; }

    /// <summary>The schema.</summary>
    public JsonElement Schema { get; }

    /// <summary>Where the schema breaks OpenAI's strict rules; empty when <c>strict: true</c> is sent.</summary>
    public IReadOnlyList<string> StrictProblems { get; }

    /// <summary>The response format sent.</summary>
    public ChatResponseFormat Format { get; }

    /// <summary>Sets <paramref name="options"/>' response format to this schema, strict when it qualifies.</summary>
    public void Apply(ChatOptions options)
    {
        options.ResponseFormat = Format;
        if (StrictProblems.Count > 0) return;
        // The OpenAI adapter takes a response format given in its raw options as it is: the only way to send
        // json_schema.strict. Other providers look for their own raw options and ignore these.
        var previous = options.RawRepresentationFactory;
        var strict = OpenAI.Chat.ChatResponseFormat.CreateJsonSchemaFormat(Name, BinaryData.FromString(Schema.GetRawText()), jsonSchemaIsStrict: true);
        options.RawRepresentationFactory = client =>
        {
            var raw = previous?.Invoke(client);
            if (raw is not (null or OpenAI.Chat.ChatCompletionOptions)) return raw;
            var openAi = raw as OpenAI.Chat.ChatCompletionOptions ?? new OpenAI.Chat.ChatCompletionOptions();
            openAi.ResponseFormat ??= strict;
            return openAi;
        };
    }

    /// <summary>Why <paramref name="reply"/> does not match the schema (at most five violations, each with where), or null when it does.</summary>
    public string? Problem(JsonElement reply)
    {
        var evaluation = _compiled.Evaluate(reply, Options);
        if (evaluation.IsValid) return null;
        var errors = (evaluation.Details ?? []).Prepend(evaluation).Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{(d.InstanceLocation.ToString() is "" or "/" ? "" : d.InstanceLocation + ": ")}{e.Value}"))
            .Distinct().Take(5).ToList();
        return "the JSON does not match the schema: " + (errors.Count == 0 ? "invalid" : string.Join("; ", errors));
    }
}
