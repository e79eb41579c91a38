namespace Parley.Dialogues;

/// <summary>Why a dialogue was rejected: the check that failed and what it found.</summary>
/// <param name="Check">The check's name as written (<see cref="CheckName"/> for Parley's own; a custom verifier's own name otherwise).</param>
/// <param name="Detail">What the check found.</param>
public sealed record Problem(string Check, string? Detail)
{
    /// <summary>A problem found by one of Parley's own checks.</summary>
    public Problem(CheckName check, string? detail) : this(check.ToString(), detail)
    {
    }

    /// <summary>The problem as written in rejected.jsonl, <c>check: detail</c>.</summary>
    public override string ToString() => $"{Check}: {Detail}";
}
