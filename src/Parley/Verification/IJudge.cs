using Parley.Dialogues;

namespace Parley.Verification;

/// <summary>Judges a finished dialogue against its tasks' rubrics; never throws for a bad dialogue or a failed model call.</summary>
public interface IJudge
{
    /// <summary>Judges the dialogue in <paramref name="context"/>.</summary>
    ValueTask<JudgeReport> JudgeAsync(VerificationContext context, CancellationToken cancellationToken = default);
}
