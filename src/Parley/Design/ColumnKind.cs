namespace Parley.Design;

/// <summary>What a column of a brought database holds, as far as writing tools over it goes.</summary>
internal enum ColumnKind
{
    /// <summary>Free text: names, titles, addresses.</summary>
    Text,
    /// <summary>Whole numbers.</summary>
    Integer,
    /// <summary>Amounts and other decimals.</summary>
    Number,
    /// <summary>ISO dates or date-times (held as text).</summary>
    Date,
    /// <summary>Binary data: never exposed to the agent.</summary>
    Blob,
}
