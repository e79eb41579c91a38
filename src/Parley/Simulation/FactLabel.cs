namespace Parley.Simulation;

/// <summary>How a fact's name reads in a sentence: <c>order_id</c> → "order ID", <c>email</c> → "email address".</summary>
public static class FactLabel
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
}
