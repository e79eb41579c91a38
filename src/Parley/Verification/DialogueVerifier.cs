using Parley.Dialogues;

namespace Parley.Verification;

/// <summary>Runs a set of verifiers and gathers their results into one <see cref="Verdict"/>.</summary>
public sealed class DialogueVerifier(IReadOnlyList<IVerifier> verifiers)
{
    /// <summary>The structural and end-state checks.</summary>
    public static DialogueVerifier Default { get; } = new([new StructuralVerifier(), new EndStateVerifier()]);

    /// <summary>Verifies a dialogue.</summary>
    public async ValueTask<Verdict> VerifyAsync(VerificationContext context, CancellationToken cancellationToken = default)
    {
        var checks = new List<CheckResult>();
        foreach (var verifier in verifiers)
        {
            checks.AddRange(await verifier.VerifyAsync(context, cancellationToken));
        }
        return new Verdict(checks);
    }
}
