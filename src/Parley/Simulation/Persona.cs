using Parley.Determinism;

namespace Parley.Simulation;

/// <summary>How a simulated user behaves: tone, length, patience and how much they say before being asked.</summary>
public sealed record Persona
{
    /// <summary>The user's name (from the principal row, when there is one).</summary>
    public string Name { get; init; } = "the user";

    /// <summary><c>casual</c> or <c>formal</c>: picks template variants.</summary>
    public string Style { get; init; } = "casual";

    /// <summary>0 = terse, 1 = chatty: how often feedback and small talk are added.</summary>
    public double Verbosity { get; init; } = 0.5;

    /// <summary>0 = impatient (sometimes asks for two things at once), 1 = patient (one request at a time).</summary>
    public double Patience { get; init; } = 0.7;

    /// <summary>Chance of volunteering a needed fact before being asked.</summary>
    public double Upfront { get; init; } = 0.3;

    /// <summary>Chance of mistyping an identifier the first time (then correcting it).</summary>
    public double Typos { get; init; } = 0.2;

    /// <summary>Chance of changing their mind about a choice before confirming.</summary>
    public double Indecision { get; init; } = 0.3;

    /// <summary>Chance of asking a follow-up about a result.</summary>
    public double Curiosity { get; init; } = 0.35;

    /// <summary>A short label for metadata.</summary>
    public string Label => $"{Style}, patience {Patience:0.#}, verbosity {Verbosity:0.#}, upfront {Upfront:0.#}, typos {Typos:0.#}, indecision {Indecision:0.#}, curiosity {Curiosity:0.#}";

    /// <summary>Draws a persona for <paramref name="name"/>.</summary>
    public static Persona Sample(string name, SeededRandom rng) => new()
    {
        Name = name,
        Style = rng.Chance(0.5) ? "casual" : "formal",
        Verbosity = Math.Round(rng.NextDouble(), 1),
        Patience = rng.Pick([0.3, 0.6, 0.9, 1.0]),
        Upfront = rng.Pick([0.0, 0.2, 0.5, 0.8]),
        Typos = rng.Pick([0.0, 0.2, 0.5]),
        Indecision = rng.Pick([0.0, 0.3, 0.6]),
        Curiosity = rng.Pick([0.1, 0.35, 0.6]),
    };
}
