using Parley.Dialogues;

namespace Parley.Verification;

/// <summary>
/// Runs a set of verifiers and, optionally, a judge, and gathers their results into one <see cref="Verdict"/>. The judge
/// complements the state checks: it runs after them and adds a <c>judge</c> check and its report.
/// </summary>
public sealed class DialogueVerifier(IReadOnlyList<IVerifier> verifiers, IJudge? judge = null, bool judgeRejected = false)
{
    /// <summary>The structural and end-state checks.</summary>
    public static DialogueVerifier Default { get; } = new([new StructuralVerifier(), new EndStateVerifier(), new McpVerifier(), new GroundingVerifier()]);

    /// <summary>
    /// These checks followed by <paramref name="judge"/>. By default a dialogue the other checks already rejected is not
    /// judged (a model call saved); <paramref name="judgeRejected"/> judges it anyway, e.g. to study scores.
    /// </summary>
    public DialogueVerifier WithJudge(IJudge judge, bool judgeRejected = false) => new(verifiers, judge, judgeRejected);

    /// <summary>Verifies a dialogue.</summary>
    public async ValueTask<Verdict> VerifyAsync(VerificationContext context, CancellationToken cancellationToken = default)
    {
        var checks = new List<CheckResult>();
        foreach (var verifier in verifiers)
        {
            checks.AddRange(await verifier.VerifyAsync(context, cancellationToken));
        }
        if (judge is null || !judgeRejected && checks.Any(c => !c.Passed)) return new Verdict(checks);
        var report = await judge.JudgeAsync(context, cancellationToken);
        checks.Add(report.ToCheck());
        return new Verdict(checks) { Judge = report };
    }
}
