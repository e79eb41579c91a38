namespace Parley.Evaluation;

/// <summary>A sub-request whose expected write was not made, and in how many trials.</summary>
/// <param name="Task">The Parley task's id.</param>
/// <param name="SubRequest">The sub-request's index in its task.</param>
/// <param name="Goal">What the sub-request asks for.</param>
/// <param name="Trials">Failed trials in which it was the first missed sub-request.</param>
public sealed record SubRequestFailure(string Task, int SubRequest, string Goal, int Trials);
