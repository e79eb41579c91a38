namespace Parley.Environments;

/// <summary>How one column's values are generated; exactly one generator property is set.</summary>
public sealed record ColumnRule
{
    /// <summary>Sequential integers from this start.</summary>
    public long? Seq { get; init; }

    /// <summary>A Bogus generator by name (see <see cref="SeedGenerator.FakeNames"/>).</summary>
    public string? Fake { get; init; }

    /// <summary>One of these values.</summary>
    public IReadOnlyList<object?>? Pick { get; init; }

    /// <summary>Relative weights for <see cref="Pick"/>.</summary>
    public IReadOnlyList<double>? Weights { get; init; }

    /// <summary>An integer range, inclusive: <c>[min, max]</c>.</summary>
    public IReadOnlyList<long>? Int { get; init; }

    /// <summary>A decimal range <c>[min, max]</c>, rounded to two places.</summary>
    public IReadOnlyList<double>? Decimal { get; init; }

    /// <summary>A date as a day offset range from the environment's today: <c>[min, max]</c>.</summary>
    public IReadOnlyList<int>? Days { get; init; }

    /// <summary>A random existing value of <c>table.column</c> (a foreign key).</summary>
    public string? Ref { get; init; }

    /// <summary>With <see cref="Ref"/> or <see cref="Pick"/>: draw without replacement.</summary>
    public bool Unique { get; init; }

    /// <summary>A template over earlier columns of the row: <c>{first}.{last}@example.com</c>.</summary>
    public string? Format { get; init; }

    /// <summary>A pattern where '#' is a digit and '?' a capital letter.</summary>
    public string? Pattern { get; init; }

    /// <summary>A constant.</summary>
    public object? Const { get; init; }

    /// <summary>Lower-case the generated text.</summary>
    public bool Lower { get; init; }

    /// <summary>Probability of NULL instead of a value.</summary>
    public double NullRate { get; init; }
}
