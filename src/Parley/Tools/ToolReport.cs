namespace Parley.Tools;

/// <summary>Surface templates a rule-based agent uses to word a tool's result; <c>{column}</c> placeholders take row values.</summary>
public sealed record ToolReport
{
    /// <summary>How one row is described, e.g. <c>order #{order_id} ({status}), placed {order_date}</c>.</summary>
    public string? Row { get; init; }

    /// <summary>What is said when a search finds nothing.</summary>
    public string? Empty { get; init; }

    /// <summary>What is said after a write succeeded (row placeholders from the returned row).</summary>
    public string? Done { get; init; }

    /// <summary>How the thing a write acts on is described when asking for confirmation (argument placeholders).</summary>
    public string? Confirm { get; init; }
}
