using Parley.Dialogues;

namespace Parley.Verification;

/// <summary>One kind of check on a finished dialogue; returns one result per check it makes, never throws for a bad dialogue.</summary>
public interface IVerifier
{
    /// <summary>Checks the dialogue.</summary>
    ValueTask<IReadOnlyList<CheckResult>> VerifyAsync(VerificationContext context, CancellationToken cancellationToken = default);
}
