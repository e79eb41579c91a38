namespace Parley.Evaluation;

/// <summary>A task held out for evaluation: its id and a hash of its content (environment and expected actions), so a copy under another id is found too.</summary>
public sealed record HeldOutTask(string Id, string Hash);
