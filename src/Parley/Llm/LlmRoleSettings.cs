using System.Globalization;
using Microsoft.Extensions.AI;

namespace Parley.Llm;

/// <summary>How one role calls its model: which model, and the sampling settings sent with every request.</summary>
public sealed record LlmRoleSettings
{
    /// <summary>The model name sent to the endpoint.</summary>
    public required string Model { get; init; }

    /// <summary>Sampling temperature, or null for the endpoint's default.</summary>
    public float? Temperature { get; init; }

    /// <summary>Nucleus sampling, or null for the endpoint's default.</summary>
    public float? TopP { get; init; }

    /// <summary>Completion token limit per call, or null for the endpoint's default.</summary>
    public int? MaxOutputTokens { get; init; }

    /// <summary>Send the dialogue-derived seed with each request (endpoints that ignore it are unaffected).</summary>
    public bool SendSeed { get; init; } = true;

    /// <summary>Repairs asked for when a structured reply is invalid, before the call counts as failed.</summary>
    public int MaxRepairs { get; init; } = 2;

    /// <summary>Request options for one call, seeded from <paramref name="seed"/> (derived from the dialogue's seed).</summary>
    public ChatOptions CreateOptions(ulong seed) => new()
    {
        ModelId = Model,
        Temperature = Temperature,
        TopP = TopP,
        MaxOutputTokens = MaxOutputTokens,
        // Endpoints take a signed 64-bit seed; keep it positive and stable.
        Seed = SendSeed ? (long)(seed & long.MaxValue) : null,
    };

    /// <summary>A one-line description for metadata, e.g. <c>model=qwen3 temperature=0.7</c>.</summary>
    public string Describe() => string.Join(' ', new[]
    {
        $"model={Model}",
        Temperature is { } t ? $"temperature={t.ToString(CultureInfo.InvariantCulture)}" : null,
        TopP is { } p ? $"top_p={p.ToString(CultureInfo.InvariantCulture)}" : null,
        MaxOutputTokens is { } m ? $"max_tokens={m.ToString(CultureInfo.InvariantCulture)}" : null,
    }.Where(x => x is not null));
}
