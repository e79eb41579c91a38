namespace Parley.Simulation;

/// <summary>How a fact's name reads in a sentence: <c>order_id</c> → "order ID", <c>email</c> → "email address".</summary>
internal static class FactLabel
{
    /// <summary>The readable label of a fact or parameter name.</summary>
    public static string Of(string name) => name switch
    {
        "email" => "email address",
        "phone" => "phone number",
        "dob" or "date_of_birth" => "date of birth",
        _ when name.EndsWith("_id", StringComparison.Ordinal) => name[..^3].Replace('_', ' ') + " ID",
        _ => name.Replace('_', ' '),
    };

    /// <summary>True for facts said in the user's own words (a reason, a note, a summary) rather than a value of a field.</summary>
    public static bool IsFreeText(string name) =>
        name.EndsWith("reason", StringComparison.Ordinal) || name.EndsWith("note", StringComparison.Ordinal) || name.EndsWith("summary", StringComparison.Ordinal)
        || name.EndsWith("comment", StringComparison.Ordinal) || name.EndsWith("description", StringComparison.Ordinal) || name.EndsWith("memo", StringComparison.Ordinal)
        || name.EndsWith("symptoms", StringComparison.Ordinal) || name.EndsWith("issue", StringComparison.Ordinal);
}
