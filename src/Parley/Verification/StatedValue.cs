namespace Parley.Verification;

/// <summary>A value written in a message: an amount, date, time, id or number, in its normalised form (<c>$1,234.50</c> → <c>1234.5</c>).</summary>
/// <param name="Kind">What kind of value it is.</param>
/// <param name="Text">The text as written.</param>
/// <param name="Normalised">The form values are compared in.</param>
internal sealed record StatedValue(StatedValueKind Kind, string Text, string Normalised);

/// <summary>The kinds of <see cref="StatedValue"/>.</summary>
internal enum StatedValueKind
{
    /// <summary>A money amount (<c>$75</c>, <c>$1,234.50</c>).</summary>
    Amount,
    /// <summary>A calendar date (<c>2025-08-07</c>).</summary>
    Date,
    /// <summary>A time of day (<c>19:50</c>).</summary>
    Time,
    /// <summary>An identifier mixing letters and digits (<c>SGI353</c>, <c>ORD-1001</c>) or a number after <c>#</c>.</summary>
    Id,
    /// <summary>Any other number: a count, quantity or measure.</summary>
    Number,
}
