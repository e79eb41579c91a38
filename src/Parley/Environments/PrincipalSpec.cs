namespace Parley.Environments;

/// <summary>
/// The person the simulated user plays. <see cref="Sql"/> lists candidate rows; one is drawn per dialogue and its
/// columns become facts every scenario may bind as <c>:column</c>.
/// </summary>
public sealed record PrincipalSpec
{
    /// <summary>A SELECT over the candidate users; must return a <c>name</c> column.</summary>
    public required string Sql { get; init; }

    /// <summary>Columns the user knows about themselves and gives when asked (e.g. email); the rest they do not know.</summary>
    public IReadOnlyList<string> Knows { get => field ?? []; init; }
}
