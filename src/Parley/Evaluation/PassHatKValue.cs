namespace Parley.Evaluation;

/// <summary>One pass^k estimate and its 95% bootstrap confidence interval (<c>[low, high]</c>).</summary>
public sealed record PassHatKValue(double Value, IReadOnlyList<double> Ci95);
