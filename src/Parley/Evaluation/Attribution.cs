namespace Parley.Evaluation;

/// <summary>Why a trial failed: its primary kind, the first task whose end state was wrong and the sub-request that failed, and every finding the rules made.</summary>
/// <param name="Kind">The primary failure kind (<see cref="FailureKinds"/>).</param>
/// <param name="Detail">A one-line explanation.</param>
/// <param name="FailedTask">The id of the first task whose end state was not reached, if known.</param>
/// <param name="FailedSubRequest">The index of that task's first sub-request whose write was not made as expected, if known.</param>
/// <param name="Findings">Every rule finding (<c>kind: detail</c>), including ones that did not decide the primary kind.</param>
/// <param name="Judge">The LLM judge (<c>llm:&lt;model&gt;</c>) that decided the kind when no rule could; null when the rules did.</param>
internal sealed record Attribution(string Kind, string Detail, string? FailedTask, int? FailedSubRequest, IReadOnlyList<string> Findings, string? Judge = null);
