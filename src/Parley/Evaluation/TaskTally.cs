namespace Parley.Evaluation;

/// <summary>How one task fared over its trials.</summary>
/// <param name="Successes">Trials that passed.</param>
/// <param name="Trials">Trials run.</param>
internal readonly record struct TaskTally(int Successes, int Trials);
